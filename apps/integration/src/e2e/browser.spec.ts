import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RequestKind, Transport, TransportChange } from '@heygen-mock/client';
import type { JobStatus } from '@heygen-mock/contracts';
import { waitFor, type TcpProxy } from '@heygen-mock/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { logFigures } from '../support/figures.js';
import { CHROMIUM, CLIENT_BROWSER_BUNDLE } from '../support/paths.js';
import { proxyToGlobalApi } from '../support/stack.js';
import { startStaticServer, type StaticServer } from '../support/static-server.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What `window.runJobs` (src/browser/scenario.js) resolves with, per job. */
interface PageJob {
  readonly id: string;
  /** The job's final status, or `rejected` when the wait failed. */
  readonly status: JobStatus | 'rejected';
  readonly transport?: Transport;
  readonly latencyMs?: number;
  readonly error?: string;
}

/** What the page collects on `window.__results`. */
interface PageResults {
  readonly switches: readonly (TransportChange & { readonly at: number })[];
  readonly requests: Readonly<Partial<Record<RequestKind, number>>>;
  readonly errors: readonly string[];
}

describe('the client in headless Chromium, served from another origin', () => {
  let proxy: TcpProxy;
  let site: StaticServer;
  let userDataDir: string;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    proxy = await proxyToGlobalApi();
    const here = path.join(__dirname, '../browser');
    site = await startStaticServer({
      '/': { file: path.join(here, 'index.html'), contentType: 'text/html; charset=utf-8' },
      '/scenario.js': { file: path.join(here, 'scenario.js'), contentType: 'text/javascript; charset=utf-8' },
      '/client.js': { file: CLIENT_BROWSER_BUNDLE, contentType: 'text/javascript; charset=utf-8' },
    });
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'heygen-mock-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
    await site?.close();
    await proxy?.close();
  });

  async function openPage(): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${site.url}/?api=${encodeURIComponent(proxy.url)}`);
    await page.waitForFunction('window.__results?.ready === true', undefined, { timeout: 10_000 });
    return page;
  }

  it('creates jobs and learns of their completion over SSE, across origins', async () => {
    const page = await openPage();
    const jobs = (await page.evaluate('window.runJobs(3, 1000)')) as PageJob[];
    const results = (await page.evaluate('window.__results')) as PageResults;

    expect(jobs.map((job) => job.status)).toEqual(['completed', 'completed', 'completed']);
    expect(jobs.map((job) => job.transport)).toEqual(['SSE', 'SSE', 'SSE']);
    expect(results.errors).toEqual([]);
    // The page's origin differs from the API's, and the key header makes every call preflighted.
    expect(new URL(site.url).origin).not.toBe(new URL(proxy.url).origin);
    expect(proxy.stats.requests.preflight).toBeGreaterThanOrEqual(1);
    expect(proxy.stats.streamConnections).toBeGreaterThanOrEqual(1);
    expect(site.hits.get('/client.js')).toBe(1);
    expect(pageErrors).toEqual([]);
    logFigures('browser-sse', { latencies: jobs.map((job) => job.latencyMs), requests: results.requests });
    await page.close();
  });

  it('survives a cut stream by falling back, and every job completes', async () => {
    const page = await openPage();
    const run = page.evaluate('window.runJobs(3, 3000)') as Promise<PageJob[]>;
    await waitFor(async () => (await page.evaluate('window.__results.created')) === 3, { what: 'the page to create its jobs' });
    await waitFor(() => proxy.stats.openStreams >= 1, { what: 'the page to open its event stream' });
    const cut = proxy.cutStreams();
    proxy.refuseStreams(3000);
    const jobs = await run;
    const results = (await page.evaluate('window.__results')) as PageResults;

    expect(cut).toBe(1);
    expect(jobs.map((job) => job.status)).toEqual(['completed', 'completed', 'completed']);
    expect(results.switches.some((change) => change.from === 'SSE' && change.to !== 'SSE')).toBe(true);
    expect((results.requests['batch'] ?? 0) + (results.requests['status'] ?? 0)).toBeGreaterThanOrEqual(1);
    expect(proxy.stats.refusedStreams).toBeGreaterThanOrEqual(1);
    logFigures('browser-fallback', { jobs, switches: results.switches, requests: results.requests });
    await page.close();
  });
});
