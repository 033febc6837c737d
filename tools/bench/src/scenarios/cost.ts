import { newCallerKey, STATUS_KINDS, TcpProxy } from '@heygen-mock/testing';
import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { sleep } from '../harness/clock.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit, Latch } from '../harness/latch.js';
import type { CostResult, CostSettings, Strategy } from '../report/result-types.js';
import { FailureLog } from './failure-log.js';
import { createJobWatcher } from './job-watcher.js';
import { jobDurations } from './job-durations.js';

/** Input of the cost scenario. */
export interface CostInput {
  /** Measured one after the other. */
  readonly strategies: readonly Strategy[];
  /** Nominal (unscaled) job durations, ms; one group of jobs each. */
  readonly durationsMs: readonly number[];
  readonly settings: CostSettings;
  /** Wait beyond the longest scaled job before a job counts as missed, ms. */
  readonly graceMs: number;
  readonly seed: number;
}

async function measureGroup(server: BenchServer, input: CostInput, strategy: Strategy, durationMs: number, index: number): Promise<CostResult> {
  const { settings } = input;
  const scaled = durationMs * settings.scale;
  const apiKey = newCallerKey();
  // The watcher reaches the server through the counting proxy; jobs are created around it, so
  // that only the cost of learning about them is counted.
  const proxy = await TcpProxy.start({ targetPort: server.port });
  const watcher = await createJobWatcher(strategy, {
    url: proxy.url,
    apiKey,
    naiveIntervalMs: settings.naiveIntervalMs,
    clientOptions: settings.clientOptions,
  });
  const latch = new Latch(settings.jobsPerDuration);
  const failures = new FailureLog();
  let notified = 0;
  const durations = jobDurations(settings.jobsPerDuration, scaled * (1 - settings.spread), scaled * (1 + settings.spread), input.seed + index);
  try {
    await Promise.all(
      durations.map(async (ms) => {
        const { id } = await createJobLasting(server.url, apiKey, ms);
        let done = false;
        const settle = (error?: Error): void => {
          if (done) return;
          done = true;
          if (error === undefined) notified++;
          else failures.add(error);
          latch.countDown();
        };
        watcher.watch(id, () => settle(), settle);
      }),
    );
    await latch.wait(scaled * (1 + settings.spread) + input.graceMs);
  } finally {
    watcher.dispose();
    // Let the proxy see the closing bytes of streams and held requests.
    await sleep(100);
    await proxy.close();
  }
  const counts = proxy.stats;
  const statusRequests = STATUS_KINDS.reduce((sum, kind) => sum + counts.requests[kind], 0);
  const jobs = settings.jobsPerDuration;
  return {
    strategy,
    durationMs,
    scaledDurationMs: scaled,
    jobs,
    requests: counts.requests,
    statusRequestsPerJob: statusRequests / jobs,
    bytesUp: counts.bytesUp,
    bytesDown: counts.bytesDown,
    bytesPerJob: (counts.bytesUp + counts.bytesDown) / jobs,
    missed: jobs - notified,
    failed: failures.count,
    errors: failures.messages,
  };
}

/**
 * Measures status requests and bytes per job at every job duration, for each strategy in
 * turn, against one fresh server with the scenario's scaled settings. The durations of a
 * strategy run two at a time, each with its own caller key, watcher and counting proxy. The
 * full run passes one strategy per process.
 *
 * @param input - strategies, durations and scaled settings
 * @returns one result per strategy and duration
 */
export async function runCost(input: CostInput): Promise<CostResult[]> {
  const server = await startBenchServer({ env: input.settings.serverEnv });
  try {
    const results: CostResult[] = [];
    // Longest first, two at a time: the longest group sets the pace while the others run
    // beside it, and the server never carries more than two groups' polling at once.
    const order = input.durationsMs.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms);
    for (const strategy of input.strategies) {
      const byIndex: CostResult[] = [];
      await forEachLimit(order, 2, async ({ ms, i }) => {
        byIndex[i] = await measureGroup(server, input, strategy, ms, i);
      });
      results.push(...byIndex);
    }
    return results;
  } finally {
    await server.stop();
  }
}
