import { newCallerKey } from '@heygen-mock/testing';
import { startBenchServer } from '../harness/bench-server.js';
import { completionBurst } from '../harness/completion-burst.js';
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
    const burst = await completionBurst(load, {
      createUrl: server.url,
      callerKeys: [key],
      jobsPerCaller: input.jobs,
      createMsPerJob: input.createMsPerJob,
      leadMs: 1000,
      cpuClocks: { server: () => server.cpuMs() },
    });
    if (burst.late > 0) console.error(`[fanout] ${burst.late} jobs were created after the common completion instant`);
    return {
      connections: input.connections,
      jobs: input.jobs,
      expected: input.jobs * input.connections,
      delivered: burst.delivered,
      spanMs: burst.spanMs,
      eventsPerSecond: burst.delivered / (burst.spanMs / 1000),
      late: burst.late,
      serverCpuMs: burst.cpuMs['server'] ?? 0,
      receiverCpuMs: burst.receiverCpuMs,
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}
