import { median } from '../stats/percentiles.js';
import type { NotificationMedians, NotificationRun } from './store-types.js';

/**
 * The medians of one store's notification rounds: p50 and p99 each taken on its own, so that
 * one round disturbed by other work on the machine does not decide; the highest latency of any
 * round, and the final states lost in all.
 *
 * @param rounds - at least one round
 * @returns the medians; the latencies are `null` when no round received a final state
 * @throws RangeError when `rounds` is empty
 */
export function notificationMedians(rounds: readonly NotificationRun[]): NotificationMedians {
  if (rounds.length === 0) throw new RangeError('Expected `rounds` to hold at least one round.');
  const measured = rounds.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const lost = rounds.reduce((sum, r) => sum + r.lost, 0);
  if (measured.length === 0) return { p50Ms: null, p99Ms: null, maxMs: null, lost };
  return {
    p50Ms: median(measured.map((s) => s.p50)),
    p99Ms: median(measured.map((s) => s.p99)),
    maxMs: Math.max(...measured.map((s) => s.max)),
    lost,
  };
}
