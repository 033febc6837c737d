import { median, medianOrNull } from '../stats/percentiles.js';
import type { RedisFanoutMedians, RedisFanoutRun, RedisScaleMedians, RedisScaleRun } from './redis-instances-types.js';

/**
 * The medians of one placement's fan-out bursts, each figure taken on its own, and the events
 * lost in all.
 *
 * @param rounds - at least one burst
 * @returns the medians
 * @throws RangeError when `rounds` is empty
 */
export function fanoutMedians(rounds: readonly RedisFanoutRun[]): RedisFanoutMedians {
  if (rounds.length === 0) throw new RangeError('Expected `rounds` to hold at least one burst.');
  return {
    eventsPerSecond: median(rounds.map((r) => r.eventsPerSecond)),
    spanMs: median(rounds.map((r) => r.spanMs)),
    apiCpuMs: median(rounds.map((r) => r.apiCpuMs)),
    redisCpuMs: median(rounds.map((r) => r.redisCpuMs)),
    lost: rounds.reduce((sum, r) => sum + Math.max(0, r.expected - r.delivered), 0),
  };
}

/**
 * The CPU time per request of the instances loaded in one round, over all their requests.
 *
 * @param round - a round of reads
 * @returns µs per request, or `null` when no request was answered
 */
export function apiCpuUsPerRequest(round: RedisScaleRun): number | null {
  const total = round.runs.reduce((sum, run) => sum + run.total, 0);
  if (total === 0) return null;
  return round.runs.reduce((sum, run) => sum + (run.cpuUsPerRequest ?? 0) * run.total, 0) / total;
}

/**
 * The medians of one instance count's rounds of reads, each figure taken on its own, so that one
 * round disturbed by other work on the machine does not decide; the failed requests in all.
 *
 * @param rounds - at least one round
 * @returns the medians
 * @throws RangeError when `rounds` is empty
 */
export function scaleMedians(rounds: readonly RedisScaleRun[]): RedisScaleMedians {
  if (rounds.length === 0) throw new RangeError('Expected `rounds` to hold at least one round.');
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p99Ms: median(rounds.map((r) => Math.max(...r.runs.map((run) => run.latencyMs.p99)))),
    apiCpuUsPerRequest: medianOrNull(rounds.map(apiCpuUsPerRequest)),
    redisCpuUsPerRequest: medianOrNull(rounds.map((r) => r.redisCpuUsPerRequest)),
    loadCpuUsPerRequest: medianOrNull(rounds.map((r) => r.loadCpuUsPerRequest)),
    machineBusy: medianOrNull(rounds.map((r) => r.machineBusy)),
    failed: rounds.reduce((sum, r) => sum + r.runs.reduce((n, run) => n + run.non2xx + run.errors, 0), 0),
  };
}
