import { createJobLasting } from './create-job.js';
import { nowMs, sleep } from './clock.js';
import { forEachLimit } from './latch.js';
import type { SseLoad } from './sse-load-process.js';

/** Creates in flight at once while making a burst's jobs. */
const CREATE_CONCURRENCY = 16;
/** The count starts this long before the common instant, once the creation events have drained. */
const QUIET_MS = 50;
/** How long after the common instant the last completion may still arrive. */
const DELIVERY_TIMEOUT_MS = 60_000;

/** Options of {@link completionBurst}. */
export interface BurstOptions {
  /** The base URL the jobs are created on. */
  readonly createUrl: string;
  /** The callers whose streams the load process holds; each gets `jobsPerCaller` jobs. */
  readonly callerKeys: readonly string[];
  readonly jobsPerCaller: number;
  /** Time allowed per job to create them all before the common instant, ms. */
  readonly createMsPerJob: number;
  /** Time on top of that, ms. */
  readonly leadMs: number;
  /** CPU clocks (ms used so far) read at the start and the end of the count, e.g. the servers'. */
  readonly cpuClocks: Readonly<Record<string, () => number>>;
}

/** What a burst delivered. */
export interface Burst {
  /** Completion events received by the load process's streams. */
  readonly delivered: number;
  /** From the common completion instant to the last delivery, ms; at least 1. */
  readonly spanMs: number;
  /** Jobs whose creation ended after the common instant (they complete a little later). */
  readonly late: number;
  /** CPU time each of `cpuClocks` used over the count, ms. */
  readonly cpuMs: Readonly<Record<string, number>>;
  /** CPU time the receiving load process used over the count, ms. */
  readonly receiverCpuMs: number;
}

/**
 * Creates `jobsPerCaller` jobs for each caller, each with the duration that makes it complete
 * at one common instant, and counts the completion events that the load process's streams
 * receive from then on, until each stream has one per job of its caller or the time is up. The
 * streams must be open (`load.open`) before.
 *
 * @param load - the SSE load process, holding the callers' streams
 * @param options - callers, jobs and timing
 * @returns the completions delivered, their span, and the CPU time used meanwhile
 */
export async function completionBurst(load: SseLoad, options: BurstOptions): Promise<Burst> {
  const { createUrl, callerKeys, jobsPerCaller, createMsPerJob, leadMs, cpuClocks } = options;
  const jobs = callerKeys.flatMap((key) => Array.from({ length: jobsPerCaller }, () => key));
  const completeAt = Date.now() + leadMs + jobs.length * createMsPerJob;
  let late = 0;
  await forEachLimit(jobs, CREATE_CONCURRENCY, async (key) => {
    const durationMs = completeAt - Date.now();
    if (durationMs < 0) late++;
    await createJobLasting(createUrl, key, durationMs);
  });
  // Let the creation events drain before the burst, and count from a quiet start.
  await sleep(Math.max(0, completeAt - QUIET_MS - Date.now()));
  const before = await load.mark();
  const clocks = Object.entries(cpuClocks);
  const cpuBefore = clocks.map(([, clock]) => clock());
  const { delivered, lastAt, cpuMs } = await load.completions(jobsPerCaller, completeAt - nowMs() + DELIVERY_TIMEOUT_MS);
  return {
    delivered,
    spanMs: Math.max(1, lastAt - completeAt),
    late,
    cpuMs: Object.fromEntries(clocks.map(([name, clock], i) => [name, clock() - (cpuBefore[i] ?? 0)])),
    receiverCpuMs: cpuMs - before.cpuMs,
  };
}
