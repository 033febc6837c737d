import { describeJobStoreContract, recordFixture } from '../../../testing/job-store-contract.js';
import { openTestRedis, type TestRedis } from '../../../testing/test-redis.js';
import { EXPIRY_GRACE_MS, RedisJobStore } from './redis-job-store.js';

/** Long enough that the fixtures' finished jobs (ended in 1970) are not forgotten during a test. */
const CENTURY_MS = 100 * 365 * 86_400_000;

describeJobStoreContract('redis', async () => {
  const redis = await openTestRedis();
  return { store: new RedisJobStore(redis.connections.commands, redis.keys, CENTURY_MS, { now: () => Date.now() }), close: () => redis.close() };
});

describe('RedisJobStore', () => {
  let redis: TestRedis;
  beforeEach(async () => (redis = await openTestRedis()));
  afterEach(() => redis.close());

  it('lets a finished job’s hash expire by itself a grace period after its retention', async () => {
    const retentionMs = 60_000;
    const store = new RedisJobStore(redis.connections.commands, redis.keys, retentionMs, { now: () => Date.now() });
    const now = Date.now();
    await store.insert(recordFixture('a', 'alice', { createdAt: now, expectedCompletionAt: now + 10 }));
    expect(await redis.connections.commands.pttl(redis.keys.job('a'))).toBe(-1);
    await store.update(recordFixture('a', 'alice', { createdAt: now, expectedCompletionAt: now + 10, status: 'completed', completedAt: now + 10 }));
    const ttl = await redis.connections.commands.pttl(redis.keys.job('a'));
    expect(ttl).toBeGreaterThan(retentionMs + EXPIRY_GRACE_MS - 5000);
    expect(ttl).toBeLessThanOrEqual(retentionMs + EXPIRY_GRACE_MS + 10);
  });

  it('stops counting and listing a job whose hash expired by itself', async () => {
    let now = 0;
    const store = new RedisJobStore(redis.connections.commands, redis.keys, 1000, { now: () => now });
    const endedAt = Date.now();
    await store.insert(recordFixture('a', 'alice', { status: 'completed', completedAt: endedAt, eventId: 1 }));
    await store.insert(recordFixture('b', 'alice', { eventId: 2 }));
    expect(await store.size()).toBe(2);
    // What Redis does when the TTL runs out, without waiting for it.
    await redis.connections.commands.del(redis.keys.job('a'));
    now = endedAt + 1000 + EXPIRY_GRACE_MS;
    expect(await store.size()).toBe(1);
    const listed: string[] = [];
    for await (const page of store.pagesByOwner('alice', 10)) listed.push(...page.map((job) => job.id));
    expect(listed).toEqual(['b']);
    expect(await redis.connections.commands.zrange(redis.keys.ownerJobs('alice'), 0, -1)).toEqual(['b']);
    expect(await store.countPending('alice')).toBe(1);
  });

  it('lets exactly one of two instances end the same job', async () => {
    const first = new RedisJobStore(redis.connections.commands, redis.keys, CENTURY_MS, { now: () => Date.now() });
    const other = await openTestRedis(redis.keys.prefix);
    try {
      const second = new RedisJobStore(other.connections.commands, other.keys, CENTURY_MS, { now: () => Date.now() });
      await first.insert(recordFixture('a', 'alice'));
      const results = await Promise.all([
        first.update(recordFixture('a', 'alice', { status: 'completed', completedAt: 2000, eventId: 5 })),
        second.update(recordFixture('a', 'alice', { status: 'completed', completedAt: 2001, eventId: 6 })),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await second.countPending('alice')).toBe(0);
      expect((await first.get('a'))?.eventId).toBe(results[0] ? 5 : 6);
    } finally {
      await other.connections.close();
    }
  });
});
