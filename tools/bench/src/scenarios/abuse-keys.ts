import { newCallerKey } from '@heygen-mock/testing';
import { startBenchServer } from '../harness/bench-server.js';
import { nowMs, sleep } from '../harness/clock.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit } from '../harness/latch.js';
import { medianRss } from '../harness/median-rss.js';
import type { AbuseKeysResult } from '../report/abuse-types.js';
import { median } from '../stats/percentiles.js';

/** Input of the invented-keys part of the abuse scenario. */
export interface AbuseKeysInput {
  /** Keys invented, one job each. */
  readonly keys: number;
  /** How long memory is watched from the first create, s. */
  readonly durationS: number;
  /** The server's `PROGRESS_INTERVAL_MS`. */
  readonly progressIntervalMs: number;
  /** Each job's duration, ms: longer than the run, so that every job stays pending. */
  readonly jobDurationMs: number;
  /** Interval of the memory readings, ms. */
  readonly sampleMs: number;
}

/** Creates done under fresh keys before measuring, so that compiling their code is not counted. */
const WARMUP_KEYS = 50;

/**
 * Invents `keys` caller keys and creates one long job under each, on a server whose progress
 * interval is short, and watches the server's resident memory for `durationS` from the first
 * create: what a caller who invents keys can make the server hold.
 *
 * @param input - keys, duration and settings
 * @returns creates, resident memory before, at the end and at its peak, live heap, CPU
 */
export async function runAbuseKeys(input: AbuseKeysInput): Promise<AbuseKeysResult> {
  const server = await startBenchServer({ env: { PROGRESS_INTERVAL_MS: String(input.progressIntervalMs) }, exposeGc: true });
  try {
    await forEachLimit(Array.from({ length: WARMUP_KEYS }), 16, async () => void (await createJobLasting(server.url, newCallerKey(), 10)));
    await sleep(500);
    const heapBefore = (await server.collectGarbage()).heapUsed;
    const rssBefore = await medianRss(server, 200);
    const cpuBefore = server.cpuMs();
    const start = nowMs();
    const samples: { readonly at: number; readonly rss: number }[] = [];
    const sampler = setInterval(() => samples.push({ at: nowMs() - start, rss: server.rssBytes() }), input.sampleMs);
    let created = 0;
    const errors: string[] = [];
    try {
      await forEachLimit(Array.from({ length: input.keys }), 16, async () => {
        try {
          await createJobLasting(server.url, newCallerKey(), input.jobDurationMs);
          created++;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      });
      const createMs = nowMs() - start;
      await sleep(start + input.durationS * 1000 - nowMs());
      clearInterval(sampler);
      const serverCpuMs = server.cpuMs() - cpuBefore;
      const lastSecond = samples.filter((s) => s.at >= input.durationS * 1000 - 1000).map((s) => s.rss);
      const rssEnd = lastSecond.length > 0 ? median(lastSecond) : server.rssBytes();
      const heapEnd = (await server.collectGarbage()).heapUsed;
      return {
        keys: input.keys,
        durationS: input.durationS,
        progressIntervalMs: input.progressIntervalMs,
        created,
        failed: errors.length,
        errors: [...new Set(errors)].slice(0, 3),
        createMs,
        rssBeforeBytes: rssBefore,
        rssEndBytes: rssEnd,
        rssPeakBytes: Math.max(rssBefore, ...samples.map((s) => s.rss)),
        heapBeforeBytes: heapBefore,
        heapEndBytes: heapEnd,
        serverCpuMs,
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await server.stop();
  }
}
