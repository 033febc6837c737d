import { median } from '../stats/percentiles.js';
import type { LoadRun, ThroughputMedians } from './throughput-types.js';

/**
 * The medians of one server's rounds: requests per second, p50, p99 and CPU per request, each
 * taken on its own, so that one round disturbed by other work on the machine does not decide.
 *
 * @param rounds - at least one run
 * @returns the medians; CPU per request is `null` when no round answered a request
 * @throws RangeError when `rounds` is empty
 */
export function throughputMedians(rounds: readonly LoadRun[]): ThroughputMedians {
  if (rounds.length === 0) throw new RangeError('Expected `rounds` to hold at least one run.');
  const cpu = rounds.flatMap((r) => (r.cpuUsPerRequest === null ? [] : [r.cpuUsPerRequest]));
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50Ms: median(rounds.map((r) => r.latencyMs.p50)),
    p99Ms: median(rounds.map((r) => r.latencyMs.p99)),
    cpuUsPerRequest: cpu.length === 0 ? null : median(cpu),
  };
}
