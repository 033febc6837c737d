import { newCallerKey } from '@heygen-mock/testing';
import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { nowMs, sleep } from '../harness/clock.js';
import { createJobLasting } from '../harness/create-job.js';
import { medianRss } from '../harness/median-rss.js';
import { startSseLoad } from '../harness/sse-load-process.js';
import type { AbuseSoakResult } from '../report/abuse-types.js';
import { seededRandom } from '../stats/seeded-random.js';

/** Input of the soak part of the abuse scenario. */
export interface AbuseSoakInput {
  readonly callers: number;
  /** Streams per caller: every job's events go to each of its caller's streams. */
  readonly connectionsPerCaller: number;
  /** Jobs flowing before the memory baseline is read, s. */
  readonly warmupS: number;
  /** Measured span after the warm-up, s. */
  readonly durationS: number;
  /** Jobs created per second, the callers in turn. */
  readonly jobsPerSecond: number;
  /** Each job's duration is drawn uniformly from this range, ms. */
  readonly jobDurationMs: readonly [number, number];
  /** Interval of the memory readings between baseline and end, s. */
  readonly sampleS: number;
  /** Wait for final states after the last job's end, ms. */
  readonly graceMs: number;
  readonly seed: number;
}

/** Creates jobs at a steady rate, the callers in turn, until stopped; remembers whose each is. */
class JobFlow {
  readonly jobsByKey: Record<string, string[]> = {};
  created = 0;
  failed = 0;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(server: BenchServer, keys: readonly string[], input: AbuseSoakInput) {
    for (const key of keys) this.jobsByKey[key] = [];
    const random = seededRandom(input.seed);
    const [minMs, maxMs] = input.jobDurationMs;
    const start = nowMs();
    let issued = 0;
    const create = async (key: string, durationMs: number): Promise<void> => {
      try {
        this.jobsByKey[key]?.push((await createJobLasting(server.url, key, durationMs)).id);
        this.created++;
      } catch {
        this.failed++;
      }
    };
    this.done = (async () => {
      while (!this.stopped) {
        const due = Math.floor(((nowMs() - start) / 1000) * input.jobsPerSecond) - issued;
        const batch: Promise<void>[] = [];
        for (let i = 0; i < due; i++, issued++) batch.push(create(keys[issued % keys.length] as string, minMs + random() * (maxMs - minMs)));
        await Promise.all(batch);
        await sleep(20);
      }
    })();
  }

  /** Stops creating and waits for the creates in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}

/**
 * Holds `callers × connectionsPerCaller` event streams (in the load process, each resuming with
 * `Last-Event-ID` if the server ends it, as a browser's `EventSource` would) while jobs of those
 * callers are created and finish at a steady rate, and watches the server's resident memory
 * after a warm-up; then checks that every job's final state reached every stream of its caller
 * exactly once.
 *
 * @param input - sizes, rates and spans
 * @returns memory figures, and final states expected, delivered, lost and duplicated
 */
export async function runAbuseSoak(input: AbuseSoakInput): Promise<AbuseSoakResult> {
  const connections = input.callers * input.connectionsPerCaller;
  const serverEnv = {
    // Progress events as by default, so that pending jobs publish too.
    PROGRESS_INTERVAL_MS: '1000',
    // Finished jobs are kept this long: a steady number of them by the end of the warm-up.
    JOB_RETENTION_MS: '10000',
    MAX_STREAMS_PER_CALLER: String(input.connectionsPerCaller),
    MAX_STREAMS: String(connections),
  };
  const server = await startBenchServer({ env: serverEnv });
  const load = startSseLoad();
  try {
    const keys = Array.from({ length: input.callers }, () => newCallerKey());
    let opened = 0;
    let failed = 0;
    for (const key of keys) {
      const opening = await load.open(server.url, input.connectionsPerCaller, key, 30_000, true);
      opened += opening.opened;
      failed += opening.failed;
      if (opening.failed > 0) console.error(`[abuse-soak] ${opening.failed} streams failed: ${opening.errors.join('; ')}`);
    }
    const flow = new JobFlow(server, keys, input);
    let rssPeak = 0;
    let rssBaseline = 0;
    let rssEnd = 0;
    try {
      await sleep(input.warmupS * 1000);
      rssBaseline = await medianRss(server, 200);
      const end = nowMs() + input.durationS * 1000;
      while (nowMs() < end) {
        await sleep(Math.min(input.sampleS * 1000, end - nowMs()));
        rssPeak = Math.max(rssPeak, server.rssBytes());
      }
      rssEnd = await medianRss(server, 200);
    } finally {
      await flow.stop();
    }
    await sleep(input.jobDurationMs[1] + input.graceMs);
    const tally = await load.tally(flow.jobsByKey);
    return {
      callers: input.callers,
      connections,
      durationS: input.durationS,
      warmupS: input.warmupS,
      jobsPerSecond: input.jobsPerSecond,
      jobDurationMs: input.jobDurationMs,
      serverEnv,
      opened,
      failed,
      jobsCreated: flow.created,
      createFailed: flow.failed,
      ...tally,
      rssBaselineBytes: rssBaseline,
      rssEndBytes: rssEnd,
      rssPeakBytes: Math.max(rssPeak, rssBaseline, rssEnd),
      rssGrowth: rssBaseline > 0 ? (rssEnd - rssBaseline) / rssBaseline : 0,
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}
