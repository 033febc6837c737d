import { redisInstancesSection, redisInstancesTable, scaleRatio } from './render-redis-instances.js';
import { redisInstancesResult } from './sample-report.fixture.js';

const result = redisInstancesResult();

describe('scaleRatio', () => {
  it("divides two instances' median rate by one instance's", () => {
    expect(scaleRatio(result)).toBeCloseTo(1.4);
    const silent = { ...result, reads: result.reads.map((r) => ({ ...r, median: { ...r.median, requestsPerSecond: 0 } })) };
    expect(scaleRatio(silent)).toBeNull();
  });
});

describe('redisInstancesSection', () => {
  const section = redisInstancesSection(result, 2).join('\n');

  it('says how the two instances share one Redis, and that the figures have no target', () => {
    expect(section).toMatch(/^### Two instances on one Redis\n/);
    expect(section).toContain('the first of which creates every job');
    expect(section).toContain("its final entry stays in its caller's stream for the bus's grace\nperiod, so that a busy instance still reads it)");
    expect(section).toContain('`MAX_JOBS=100000000`, `JOB_RETENTION_MS=0`. Reported as measured; no target.');
    expect(section).toContain("every event goes through its\ncaller's Redis stream");
    expect(section).toContain('measured; no target.');
  });

  it('renders the fan-out with the streams on either instance, its sizes and every round', () => {
    expect(section).toContain('In each of 3 round(s) per placement, after a warm-up burst each, the placements alternating, 10 fresh callers\neach open 50 event streams');
    expect(section).toContain('get 100 jobs each, created on the first instance');
    expect(section).toContain('all 1,000 complete at one instant (1 s plus 5 ms per job\nafter the round began): 50,000 completion events.');
    expect(section).toContain('| the creating instance | 40,000 | 1,250 | 42,000 / 40,000 / 20,000 | 400 | 150 | 0 | 0 |');
    expect(section).toContain('| the other instance | 30,000 | 1,667 | 31,000 / 30,000 / 15,000 | 400 | 150 | 0 | 0 |');
  });

  it('renders the reads on one and two instances with the ratio, how the load was made, and why no linear scale is expected', () => {
    expect(section).toContain('two autocannon runs at once from the bench process, one per instance');
    expect(section).toContain('no proxy in front');
    expect(section).toContain('| 1 | 5,000 | 1.0× | 12.0 | 200 | 20.0 | 30.0 | 95% | 5,200 / 5,000 / 2,500 | 0 |');
    expect(section).toContain('| 2 | 7,000 | 1.4× | 12.0 | 286 | 20.0 | 30.0 | 95% | 7,200 (3,600 + 3,600) / 7,000 (3,500 + 3,500) / 3,500 (1,800 + 1,700) | 0 |');
    expect(section).toContain('Two instances answered 1.4× the requests of one (medians).\nOn 2 cores, with Redis and the load generator on the same cores as the instances, no linear scale is expected:');
  });

  it('says when there was no warm-up, and renders nothing when the scenario did not run', () => {
    const cold = { ...result, warmupS: 0, fanout: { ...result.fanout, warmup: false } };
    const text = redisInstancesSection(cold, 2).join('\n');
    expect(text).toContain('in 3 round(s), without a warm-up run, one instance and two\nalternating');
    expect(text).not.toContain('warm-up burst');
    expect(redisInstancesSection(null, 2)).toEqual([]);
  });
});

describe('redisInstancesTable', () => {
  it('gives the fan-out rates and the read rates with the ratio in a compact table', () => {
    const table = redisInstancesTable(result);
    expect(table).toContain('| fan-out, streams on the creating instance | 40,000 events/s |');
    expect(table).toContain('| fan-out, streams on the other instance | 30,000 events/s |');
    expect(table).toContain('| `GET /status/:id`, 1 instance | 5,000 req/s |');
    expect(table).toContain('| `GET /status/:id`, 2 instances | 7,000 req/s (1.4×) |');
  });

  it('says how many events were lost', () => {
    const lossy = { ...result, bursts: result.bursts.map((b) => ({ ...b, median: { ...b.median, lost: 12 } })) };
    expect(redisInstancesTable(lossy)).toContain('| fan-out, streams on the creating instance | 40,000 events/s, 12 lost |');
  });
});
