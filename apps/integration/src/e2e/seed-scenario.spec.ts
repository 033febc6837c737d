import type { TcpProxy } from '@heygen-mock/testing';
import { runSeedScenario, SEED_GAPS_MS } from '../scenario/seed-scenario.js';
import { logFigures } from '../support/figures.js';
import { proxyToGlobalApi } from '../support/stack.js';

const JOB_TIME = Number(process.env['E2E_JOB_TIME'] ?? 3000);
/** Generous: precise latency figures belong to the benchmark, not to a test on a busy machine. */
const SSE_LATENCY_BOUND_MS = 500;
const POLL_LATENCY_BOUND_MS = 1500;
/**
 * With the server's hints a polled job needs about one request; reconciliation reads after
 * reconnects add one or two. A client polling every job each second would spend 3 per job.
 */
const STATUS_REQUESTS_PER_JOB_BOUND = 3;
/** Batch reads cover every watched job at once: the whole scenario stays under 2 per job. */
const STATUS_REQUESTS_TOTAL_BOUND = 10;

describe('the seed scenario: five jobs and a network change at the third', () => {
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await proxyToGlobalApi();
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('reports every job once, falling back to polling when the stream is cut and refused', async () => {
    const report = await runSeedScenario({ url: proxy.url, proxy, lingerMs: 500, settleTimeoutMs: JOB_TIME + 20_000 });

    // The network change hit a live stream, and the client really tried streams it was refused.
    expect(report.streamsCut).toBe(1);
    expect(report.proxyStats.refusedStreams).toBeGreaterThanOrEqual(1);

    expect(report.jobs).toHaveLength(SEED_GAPS_MS.length + 1);
    expect(report.jobs.map((job) => job.status)).toEqual(Array(5).fill('completed'));
    expect([...report.terminalCallbacks.values()]).toEqual([1, 1, 1, 1, 1]);

    const fallback = report.switches.find((change) => change.from === 'SSE' && change.to !== 'SSE');
    expect(fallback).toBeDefined();
    const fallbackAt = report.startedAt + (fallback?.atMs ?? 0);
    expect(fallbackAt).toBeGreaterThanOrEqual(report.networkChangedAt - 50);
    const recovery = report.switches.find((change) => change.to === 'SSE' && change.from !== null);
    const recoveredAt = recovery === undefined ? Infinity : report.startedAt + recovery.atMs;

    for (const job of report.jobs) {
      expect(job.latencyMs).toBeGreaterThanOrEqual(-50);
      expect(job.requests).toBeLessThanOrEqual(STATUS_REQUESTS_PER_JOB_BOUND);
      if (job.completedAt < report.networkChangedAt) {
        // Before the change the stream delivers (status reads are at most reconciliation).
        expect(job.transport).toBe('SSE');
        expect(job.latencyMs).toBeLessThan(SSE_LATENCY_BOUND_MS);
      } else if (job.completedAt >= fallbackAt && job.notifiedAt < recoveredAt) {
        // Finished while the client was polling: polling reported it, at a cost in requests.
        expect(job.transport).toBe(fallback?.to);
        expect(job.requests).toBeGreaterThanOrEqual(1);
        expect(job.latencyMs).toBeLessThan(POLL_LATENCY_BOUND_MS);
      } else {
        expect(job.latencyMs).toBeLessThan(POLL_LATENCY_BOUND_MS);
      }
    }
    expect(report.clientStats.statusRequests).toBeLessThanOrEqual(STATUS_REQUESTS_TOTAL_BOUND);
    // What the client says it spent is what crossed the network.
    expect(report.proxyStats.requests.status + report.proxyStats.requests.batch).toBe(report.clientStats.statusRequests);
    expect(report.proxyStats.requests.create).toBe(5);
    logFigures('seed', {
      durationMs: report.durationMs,
      jobs: report.jobs.map((job) => `#${job.index} ${job.transport} ${job.latencyMs}ms ${job.requests}req`),
      switches: report.switches.map((change) => `${change.atMs}ms ${change.from}->${change.to} (${change.reason})`),
      client: report.clientStats,
      proxy: report.proxyStats,
    });
  });
});
