import { throughputMedians } from './throughput-medians.js';
import { loadRun as run } from './sample-report.fixture.js';

describe('throughputMedians', () => {
  it('takes the median of each figure on its own, so one disturbed round does not decide', () => {
    const medians = throughputMedians([run(14_000, 8, 70), run(6000, 40, 140), run(13_000, 12, 75)]);
    expect(medians).toEqual({ requestsPerSecond: 13_000, p50Ms: 3, p99Ms: 12, cpuUsPerRequest: 75, loadCpuUsPerRequest: null });
    const withLoad = throughputMedians([run(14_000, 8, 70, 40), run(6000, 40, 140, 90), run(13_000, 12, 75, 45)]);
    expect(withLoad.loadCpuUsPerRequest).toBe(45);
  });

  it('leaves out rounds without a CPU figure, and has none when no round has one', () => {
    expect(throughputMedians([run(100, 4, null), run(200, 4, 50)]).cpuUsPerRequest).toBe(50);
    expect(throughputMedians([run(0, 0, null)]).cpuUsPerRequest).toBeNull();
    expect(() => throughputMedians([])).toThrow(/`rounds`/);
  });
});
