import { median, medianOrNull } from '../stats/percentiles.js';
import type { LoadRun, ThroughputMedians } from './throughput-types.js';

/**
 * The medians of one server's rounds: requests per second, p50, p99 and the server's and the
 * load generator's CPU per request, each taken on its own, so that one round disturbed by other
 * work on the machine does not decide.
 *
 * @param rounds - at least one run
 * @returns the medians; a CPU figure is `null` when no round has one
 * @throws RangeError when `rounds` is empty
 */
export function throughputMedians(rounds: readonly LoadRun[]): ThroughputMedians {
  if (rounds.length === 0) throw new RangeError('Expected `rounds` to hold at least one run.');
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50Ms: median(rounds.map((r) => r.latencyMs.p50)),
    p99Ms: median(rounds.map((r) => r.latencyMs.p99)),
    cpuUsPerRequest: medianOrNull(rounds.map((r) => r.cpuUsPerRequest)),
    loadCpuUsPerRequest: medianOrNull(rounds.map((r) => r.loadCpuUsPerRequest)),
  };
}
