import { ratio } from '../stats/ratios.js';
import { formatCount, formatMs } from './format.js';
import type { TargetCheck } from './result-types.js';
import type { StoreResult } from './store-types.js';
import { checkAtLeast, checkAtMost, notMeasured } from './target-check.js';

/** The notification size the Redis latency target is stated for; a run at another size reports its figures without it. */
export const STORE_TARGET_SIZES = { notificationJobs: 1000 } as const;

const CREATE = "create throughput with SQLite ≥ 80% of memory's (medians)";
const NOTIFY = "notification latency p50 with SQLite within 1 ms of memory's";
const REDIS_NOTIFY = 'notification latency p50 ≤ 5 ms at 1,000 jobs through Redis';

const NOT_RUN = 'store scenario not in this run';
const percent = (v: number): string => `${Math.round(v * 100)}%`;
const ms = (v: number): string => `${formatMs(v)} ms`;
const signedMs = (v: number): string => `${v < 0 ? '−' : '+'}${ms(Math.abs(v))}`;

function createTarget(result: StoreResult): TargetCheck {
  const sqlite = result.create.find((r) => r.store === 'sqlite');
  const memory = result.create.find((r) => r.store === 'memory');
  const share = ratio(sqlite?.median.requestsPerSecond, memory?.median.requestsPerSecond);
  if (sqlite === undefined || memory === undefined || share === null) return notMeasured(CREATE, 'a server answered nothing');
  const check = checkAtLeast(CREATE, share, 0.8, percent);
  // CPU per request is a cost: memory's over SQLite's reads like the req/s share.
  const cpu = ratio(memory.median.cpuUsPerRequest, sqlite.median.cpuUsPerRequest);
  const note = [
    check.note,
    `${formatCount(sqlite.median.requestsPerSecond)} vs ${formatCount(memory.median.requestsPerSecond)} req/s`,
    ...(cpu === null ? [] : [`by CPU time per request ${percent(cpu)}`]),
  ].join('; ');
  const failed = [...sqlite.rounds, ...memory.rounds].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  // A refused create is a job the store did not have to write: the run did not load it as stated.
  if (failed > 0) return { ...check, met: false, note: `${note}; ${formatCount(failed)} requests failed` };
  return { ...check, note };
}

function notifyTarget(result: StoreResult): TargetCheck {
  const sqlite = result.notifications.find((r) => r.store === 'sqlite')?.median;
  const memory = result.notifications.find((r) => r.store === 'memory')?.median;
  if (sqlite === undefined || memory === undefined || sqlite.p50Ms === null || memory.p50Ms === null) {
    return notMeasured(NOTIFY, 'a server delivered no final state');
  }
  const gap = sqlite.p50Ms - memory.p50Ms;
  const check = checkAtMost(NOTIFY, gap, 1, signedMs);
  const context = `p50 ${formatMs(sqlite.p50Ms)} vs ${formatMs(memory.p50Ms)} ms, p99 ${formatMs(sqlite.p99Ms)} vs ${formatMs(memory.p99Ms)} ms`;
  const note = `${gap <= 0 ? 'not slower than memory' : check.note}; ${context}`;
  const lost = sqlite.lost + memory.lost;
  if (lost > 0) return { ...check, met: false, note: `${note}; ${formatCount(lost)} final states lost (SQLite ${sqlite.lost}, memory ${memory.lost})` };
  return { ...check, note };
}

function redisNotifyTarget(result: StoreResult): TargetCheck {
  const jobs = result.notification.jobs;
  if (jobs !== STORE_TARGET_SIZES.notificationJobs) return notMeasured(REDIS_NOTIFY, `smaller run: ${formatCount(jobs)} jobs`);
  const redis = result.notifications.find((r) => r.store === 'redis')?.median;
  if (redis === undefined || redis.p50Ms === null) return notMeasured(REDIS_NOTIFY, 'the Redis server delivered no final state');
  const check = checkAtMost(REDIS_NOTIFY, redis.p50Ms, 5, ms);
  const memory = result.notifications.find((r) => r.store === 'memory')?.median;
  const note = [
    check.note,
    `p99 ${formatMs(redis.p99Ms)} ms, max ${formatMs(redis.maxMs)} ms`,
    ...(memory?.p50Ms === null || memory?.p50Ms === undefined ? [] : [`memory's p50 ${ms(memory.p50Ms)}`]),
  ].join('; ');
  if (redis.lost > 0) return { ...check, met: false, note: `${note}; ${formatCount(redis.lost)} final states lost` };
  return { ...check, note };
}

/**
 * Checks the store targets: SQLite's create throughput against memory's (medians over the
 * rounds, with the same comparison by CPU time per request), its notification latency p50
 * against memory's, and Redis's notification latency p50 at 1,000 jobs against 5 ms. A failed
 * create or a lost final state fails the target whatever the figures.
 *
 * @param result - the store scenario's result, or `null` when the run left it out
 * @returns three checks
 */
export function storeTargets(result: StoreResult | null): TargetCheck[] {
  if (result === null) return [notMeasured(CREATE, NOT_RUN), notMeasured(NOTIFY, NOT_RUN), notMeasured(REDIS_NOTIFY, NOT_RUN)];
  return [createTarget(result), notifyTarget(result), redisNotifyTarget(result)];
}
