import type { Job } from '@heygen-mock/contracts';
import { newCallerKey, TcpProxy, waitFor } from '@heygen-mock/testing';
import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { nowMs, sleep } from '../harness/clock.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit, Latch } from '../harness/latch.js';
import type { LatencyCase, LatencyResult, Strategy } from '../report/result-types.js';
import { summarize } from '../stats/percentiles.js';
import { FailureLog } from './failure-log.js';
import { createJobWatcher } from './job-watcher.js';
import { jobDurations } from './job-durations.js';

/** Input of one latency case. */
export interface LatencyInput extends LatencyCase {
  /** Seed of the spread durations. */
  readonly seed: number;
  /** Jobs created at the same time. */
  readonly createConcurrency: number;
}

/**
 * Measures notification latency for one case. The case's jobs are created first, with bounded
 * concurrency, under a fresh caller key; then one watcher (a client in the case's mode, or the
 * naive baseline) watches them all. Creating first keeps creation equally fast for every
 * strategy (the baseline's polling would otherwise starve it at 10,000 jobs); the durations
 * are chosen longer than creation takes, and a job that finished before watching began is
 * counted apart, never as a latency. Latency is callback time minus the job's `completedAt`.
 * With a disruption the watcher reaches the server through the workspace's TCP proxy, which
 * plays it (see {@link cutAtCompletion}).
 *
 * @param server - the server to use
 * @param input - the case
 * @returns the latency distribution and what it cost
 */
async function measureCase(server: BenchServer, input: LatencyInput): Promise<LatencyResult> {
  if (!warmed.has(input.strategy)) await warmUp(server, input.strategy);
  warmed.add(input.strategy);
  const apiKey = newCallerKey();
  const jobs: Job[] = [];
  const createStart = nowMs();
  await forEachLimit(jobDurations(input.jobs, input.minMs, input.maxMs, input.seed), input.createConcurrency, async (ms) => {
    jobs.push(await createJobLasting(server.url, apiKey, ms));
  });
  const watchStart = nowMs();
  const proxy = input.disruption === undefined ? undefined : await TcpProxy.start({ targetPort: server.port });
  const watcher = await createJobWatcher(input.strategy, { url: proxy?.url ?? server.url, apiKey });
  const latencies: number[] = [];
  let finishedBeforeWatch = 0;
  const finished = new Set<string>();
  const failures = new FailureLog();
  const latch = new Latch(input.jobs);
  const onFailed = (error: Error): void => {
    failures.add(error);
    latch.countDown();
  };
  const onFinished = (job: Job): void => {
    const at = nowMs();
    if (finished.has(job.id) || job.completedAt === null) return;
    finished.add(job.id);
    const completedAt = Date.parse(job.completedAt);
    if (completedAt < watchStart) finishedBeforeWatch++;
    else latencies.push(at - completedAt);
    latch.countDown();
  };
  try {
    for (const job of jobs) watcher.watch(job.id, onFinished, onFailed);
    const streamsCut = proxy === undefined ? undefined : await cutAtCompletion(proxy, jobs);
    await latch.wait(input.maxMs + input.graceMs);
    return {
      ...input,
      latencyMs: summarize(latencies),
      notified: finished.size,
      missed: input.jobs - finished.size,
      failed: failures.count,
      errors: failures.messages,
      finishedBeforeWatch,
      createMs: watchStart - createStart,
      statusRequests: watcher.statusRequests(),
      ...(streamsCut === undefined ? {} : { streamsCut }),
    };
  } finally {
    watcher.dispose();
    await proxy?.close();
  }
}

/**
 * Cuts the event stream at the moment the first of `jobs` completes (its `expectedCompletionAt`;
 * created together, the others complete within the creation spread), once the watcher's stream
 * is open: their completions then reach the client only through its recovery (reconnect,
 * `Last-Event-ID` replay, reconciliation read).
 *
 * @param proxy - the proxy the watcher goes through
 * @param jobs - the case's jobs
 * @returns how many streams the cut hit
 */
async function cutAtCompletion(proxy: TcpProxy, jobs: readonly Job[]): Promise<number> {
  const firstCompletion = Math.min(...jobs.map((job) => Date.parse(job.expectedCompletionAt)));
  await waitFor(() => proxy.stats.openStreams > 0, { what: 'the watcher to open its event stream', timeoutMs: Math.max(1000, firstCompletion - Date.now()) });
  await sleep(firstCompletion - Date.now());
  return proxy.cutStreams();
}

/** Strategies already warmed up in this process. */
const warmed = new Set<Strategy>();

/**
 * Runs a few short jobs through a throw-away watcher of the same strategy, so that the measured
 * jobs do not pay for loading and compiling code paths on either side.
 *
 * @param server - the server
 * @param strategy - the strategy about to be measured
 */
async function warmUp(server: BenchServer, strategy: Strategy): Promise<void> {
  const apiKey = newCallerKey();
  const ids = await Promise.all(Array.from({ length: 10 }, async () => (await createJobLasting(server.url, apiKey, 100)).id));
  const watcher = await createJobWatcher(strategy, { url: server.url, apiKey });
  const latch = new Latch(ids.length);
  try {
    const done = (): void => latch.countDown();
    for (const id of ids) watcher.watch(id, done, done);
    await latch.wait(5000);
  } finally {
    watcher.dispose();
  }
}

/**
 * Runs latency cases one after the other against one fresh server. The full run passes one
 * case per process, so every case has a server of its own; the smoke run passes them all.
 *
 * @param input - the cases
 * @returns one result per case, in order
 */
export async function runLatencyCases(input: { readonly cases: readonly LatencyInput[] }): Promise<LatencyResult[]> {
  const server = await startBenchServer();
  try {
    const results: LatencyResult[] = [];
    for (const c of input.cases) results.push(await measureCase(server, c));
    return results;
  } finally {
    await server.stop();
  }
}
