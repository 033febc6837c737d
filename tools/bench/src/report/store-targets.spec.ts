import { storeResult } from './sample-report.fixture.js';
import { storeTargets } from './store-targets.js';
import type { StoreResult } from './store-types.js';

const RATES = { sqlite: 4000, memory: 4500, redis: 3000 };
const P50S = { sqlite: 1.5, memory: 1.2, redis: 2.5 };

describe('storeTargets', () => {
  it("compares SQLite's median create rate with memory's, and by CPU time per request", () => {
    const [create] = storeTargets(storeResult(RATES, P50S));
    expect(create).toEqual({
      target: "create throughput with SQLite ≥ 80% of memory's (medians)",
      measured: '89%',
      met: true,
      note: '111% of the minimum; 4,000 vs 4,500 req/s; by CPU time per request 89%',
    });
  });

  it('says by how much SQLite misses the create share, and fails it when creates were refused', () => {
    const [slow] = storeTargets(storeResult({ ...RATES, sqlite: 3000, memory: 5000 }, P50S));
    expect(slow).toMatchObject({ measured: '60%', met: false });
    expect(slow?.note).toMatch(/^missed by 20% \(25% under\)/);
    const result = storeResult(RATES, P50S);
    const refused: StoreResult = {
      ...result,
      create: result.create.map((s) => (s.store === 'sqlite' ? { ...s, rounds: s.rounds.map((r) => ({ ...r, non2xx: 2 })) } : s)),
    };
    expect(storeTargets(refused)[0]).toMatchObject({ met: false, note: expect.stringMatching(/; 6 requests failed$/) });
  });

  it("checks SQLite's notification p50 against memory's plus 1 ms, with the p99s beside it", () => {
    const [, notify] = storeTargets(storeResult(RATES, P50S));
    expect(notify).toEqual({
      target: "notification latency p50 with SQLite within 1 ms of memory's",
      measured: '+0.30 ms',
      met: true,
      note: '30% of the limit; p50 1.50 vs 1.20 ms, p99 6.00 vs 4.80 ms',
    });
    expect(storeTargets(storeResult(RATES, { ...P50S, sqlite: 3.5, memory: 1 }))[1]).toMatchObject({ measured: '+2.50 ms', met: false });
    expect(storeTargets(storeResult(RATES, { ...P50S, sqlite: 1, memory: 2 }))[1]).toMatchObject({
      measured: '−1.00 ms',
      met: true,
      note: expect.stringMatching(/^not slower than memory; /),
    });
  });

  it('fails the notification target when a final state was lost', () => {
    const result = storeResult(RATES, P50S);
    const lossy: StoreResult = {
      ...result,
      notifications: result.notifications.map((r) => (r.store === 'memory' ? { ...r, median: { ...r.median, lost: 2 } } : r)),
    };
    expect(storeTargets(lossy)[1]).toMatchObject({ met: false, note: expect.stringMatching(/; 2 final states lost \(SQLite 0, memory 2\)$/) });
  });

  it('marks the targets not measured when the scenario did not run or a store delivered nothing', () => {
    expect(storeTargets(null).map((t) => t.met)).toEqual([null, null, null]);
    const result = storeResult(RATES, P50S);
    const silent: StoreResult = {
      ...result,
      notifications: result.notifications.map((r) => ({ ...r, median: { ...r.median, p50Ms: null, p99Ms: null, maxMs: null } })),
    };
    expect(storeTargets(silent)[1]?.measured).toBe('not measured (a server delivered no final state)');
  });

  it("checks Redis's notification p50 at 1,000 jobs against 5 ms, with its p99, max and memory's p50 beside it", () => {
    const [, , redis] = storeTargets(storeResult(RATES, P50S));
    expect(redis).toEqual({
      target: 'notification latency p50 ≤ 5 ms at 1,000 jobs through Redis',
      measured: '2.50 ms',
      met: true,
      note: "50% of the limit; p99 10.0 ms, max 60.0 ms; memory's p50 1.20 ms",
    });
    const slow = storeTargets(storeResult(RATES, { ...P50S, redis: 6 }))[2];
    expect(slow).toMatchObject({ measured: '6.00 ms', met: false, note: expect.stringMatching(/^missed by 1.00 ms \(20% over\); /) });
  });

  it('fails the Redis target when a final state was lost, and leaves it unmeasured in a smaller run or when Redis delivered nothing', () => {
    const result = storeResult(RATES, P50S);
    const lossy: StoreResult = {
      ...result,
      notifications: result.notifications.map((r) => (r.store === 'redis' ? { ...r, median: { ...r.median, lost: 4 } } : r)),
    };
    expect(storeTargets(lossy)[2]).toMatchObject({ met: false, note: expect.stringMatching(/; 4 final states lost$/) });
    const smaller: StoreResult = { ...result, notification: { ...result.notification, jobs: 50 } };
    expect(storeTargets(smaller)[2]).toMatchObject({ met: null, measured: 'not measured (smaller run: 50 jobs)' });
    const silent: StoreResult = {
      ...result,
      notifications: result.notifications.map((r) => (r.store === 'redis' ? { ...r, median: { ...r.median, p50Ms: null, p99Ms: null, maxMs: null } } : r)),
    };
    expect(storeTargets(silent)[2]?.measured).toBe('not measured (the Redis server delivered no final state)');
  });
});
