import { apiCpuUsPerRequest, fanoutMedians, scaleMedians } from './redis-instances-medians.js';
import { loadRun, redisFanoutRun, redisScaleRun } from './sample-report.fixture.js';

describe('fanoutMedians', () => {
  it('takes each median on its own and counts the events lost over every burst', () => {
    const short = { ...redisFanoutRun(10_000), delivered: 49_990, apiCpuMs: 900, redisCpuMs: 10 };
    const medians = fanoutMedians([redisFanoutRun(40_000), short, redisFanoutRun(30_000)]);
    expect(medians).toEqual({ eventsPerSecond: 30_000, spanMs: (50_000 / 30_000) * 1000, apiCpuMs: 400, redisCpuMs: 150, lost: 10 });
    expect(() => fanoutMedians([])).toThrow(/`rounds`/);
  });
});

describe('apiCpuUsPerRequest', () => {
  it('weighs each instance by the requests it answered', () => {
    const round = { ...redisScaleRun([1000]), runs: [{ ...loadRun(1000, 10, 100), total: 3000 }, { ...loadRun(1000, 10, 200), total: 1000 }] };
    expect(apiCpuUsPerRequest(round)).toBe(125);
    expect(apiCpuUsPerRequest({ ...round, runs: [{ ...loadRun(0, 0, null), total: 0 }] })).toBeNull();
  });
});

describe('scaleMedians', () => {
  it("takes the summed rate, the slower instance's p99 and the CPU figures each on its own, and counts the failures", () => {
    const slow = { ...redisScaleRun([3000, 1000]), runs: [loadRun(3000, 12, 200), { ...loadRun(1000, 50, 1000), non2xx: 2, errors: 1 }] };
    const medians = scaleMedians([redisScaleRun([3500, 3500]), slow, { ...redisScaleRun([3600, 3600]), redisCpuUsPerRequest: null, machineBusy: null }]);
    expect(medians).toEqual({
      requestsPerSecond: 7000,
      p99Ms: 12,
      apiCpuUsPerRequest: 1_000_000 / 3500,
      redisCpuUsPerRequest: 20,
      loadCpuUsPerRequest: 30,
      machineBusy: 0.95,
      failed: 3,
    });
    expect(() => scaleMedians([])).toThrow(/`rounds`/);
  });
});
