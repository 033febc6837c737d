import { throughputMedians } from './throughput-medians.js';
import type { LoadRun } from './throughput-types.js';

function run(requestsPerSecond: number, p99: number, cpuUsPerRequest: number | null): LoadRun {
  return {
    requestsPerSecond,
    latencyMs: { p50: p99 / 4, p97_5: p99 / 2, p99, max: p99 * 2, mean: p99 / 3 },
    total: requestsPerSecond * 8,
    non2xx: 0,
    errors: 0,
    cpuUsPerRequest,
  };
}

describe('throughputMedians', () => {
  it('takes the median of each figure on its own, so one disturbed round does not decide', () => {
    const medians = throughputMedians([run(14_000, 8, 70), run(6000, 40, 140), run(13_000, 12, 75)]);
    expect(medians).toEqual({ requestsPerSecond: 13_000, p50Ms: 3, p99Ms: 12, cpuUsPerRequest: 75 });
  });

  it('leaves out rounds without a CPU figure, and has none when no round has one', () => {
    expect(throughputMedians([run(100, 4, null), run(200, 4, 50)]).cpuUsPerRequest).toBe(50);
    expect(throughputMedians([run(0, 0, null)]).cpuUsPerRequest).toBeNull();
    expect(() => throughputMedians([])).toThrow(/`rounds`/);
  });
});
