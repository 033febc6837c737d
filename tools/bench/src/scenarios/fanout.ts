import { newCallerKey } from '@heygen-mock/testing';
import { startBenchServer } from '../harness/bench-server.js';
import { createJobLasting } from '../harness/create-job.js';
import { nowMs, sleep } from '../harness/clock.js';
import { forEachLimit } from '../harness/latch.js';
import { startSseLoad } from '../harness/sse-load-process.js';
import type { FanoutResult } from '../report/result-types.js';

/** Input of the fan-out scenario. */
export interface FanoutInput {
  /** SSE connections of the one caller. */
  readonly connections: number;
  /** Jobs that complete at one instant. */
  readonly jobs: number;
  /**
   * Time allowed per job to create them all before the common instant, ms: each creation
   * also publishes an event to every connection.
   */
  readonly createMsPerJob: number;
}

/**
 * Measures event delivery under fan-out: `connections` streams of one caller (in the load
 * process) and `jobs` jobs of that caller, each created with the duration that makes it
 * complete at one common instant, so the server has jobs × connections events to deliver at
 * once. The rate is completion events received over the time from that instant to the last.
 *
 * @param input - connections and jobs
 * @returns events expected, delivered, the rate, and the CPU it took on each side
 */
export async function runFanout(input: FanoutInput): Promise<FanoutResult> {
  const server = await startBenchServer();
  const load = startSseLoad();
  const key = newCallerKey();
  try {
    const opening = await load.open(server.url, input.connections, key, 10_000);
    if (opening.failed > 0) throw new Error(`${opening.failed} of ${input.connections} streams failed: ${opening.errors.join('; ')}`);
    const completeAt = Date.now() + 1000 + input.jobs * input.createMsPerJob;
    let late = 0;
    await forEachLimit(Array.from({ length: input.jobs }), 16, async () => {
      const durationMs = completeAt - Date.now();
      if (durationMs < 0) late++;
      await createJobLasting(server.url, key, durationMs);
    });
    if (late > 0) console.error(`[fanout] ${late} jobs were created after the common completion instant`);
    // Let the creation events drain before the burst, and count from a quiet start.
    await sleep(Math.max(0, completeAt - 50 - Date.now()));
    const before = await load.mark();
    const serverCpuBefore = server.cpuMs();
    const { delivered, lastAt, cpuMs } = await load.completions(input.jobs, completeAt - nowMs() + 60_000);
    const serverCpuMs = server.cpuMs() - serverCpuBefore;
    const spanMs = Math.max(1, lastAt - completeAt);
    return {
      connections: input.connections,
      jobs: input.jobs,
      expected: input.jobs * input.connections,
      delivered,
      spanMs,
      eventsPerSecond: delivered / (spanMs / 1000),
      late,
      serverCpuMs,
      receiverCpuMs: cpuMs - before.cpuMs,
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}
