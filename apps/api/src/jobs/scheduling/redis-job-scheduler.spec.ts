import { systemClock } from '../../common/time/clock.js';
import { openTestRedis, type TestRedis } from '../../testing/test-redis.js';
import { waitUntil } from '../../testing/wait-until.js';
import { LEASE_MS, RedisJobScheduler } from './redis-job-scheduler.js';

interface Run {
  readonly jobId: string;
  readonly instance: number;
  readonly at: number;
}

/** Instances of the API on one Redis: one scheduler each, on connections of their own. */
describe('RedisJobScheduler', () => {
  const opened: TestRedis[] = [];
  const started: RedisJobScheduler[] = [];
  let prefix: string;

  const instance = async (): Promise<{ scheduler: RedisJobScheduler; redis: TestRedis }> => {
    const redis = await (opened.length === 0 ? openTestRedis() : openTestRedis(prefix));
    prefix = redis.keys.prefix;
    opened.push(redis);
    const scheduler = new RedisJobScheduler(redis.connections.commands, redis.keys, systemClock);
    started.push(scheduler);
    return { scheduler, redis };
  };

  afterEach(async () => {
    for (const scheduler of started.splice(0)) await scheduler.stop();
    for (const redis of opened.splice(0).reverse()) await redis.close();
  });

  it('runs each due step once, on one of the instances, never before its due time', async () => {
    const runs: Run[] = [];
    const schedulers = await Promise.all([instance(), instance(), instance()]);
    schedulers.forEach(({ scheduler }, index) =>
      scheduler.start(async (jobId) => {
        runs.push({ jobId, instance: index, at: Date.now() });
      }),
    );
    const due = new Map<string, number>();
    const now = Date.now();
    for (let n = 0; n < 60; n += 1) {
      const jobId = `job-${n}`;
      due.set(jobId, now + 20 + (n % 10) * 5);
      await schedulers[n % 3]?.scheduler.schedule(jobId, due.get(jobId) ?? 0);
    }
    await waitUntil(() => runs.length >= 60);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toHaveLength(60);
    expect(new Set(runs.map((run) => run.jobId)).size).toBe(60);
    for (const run of runs) expect(run.at).toBeGreaterThanOrEqual(due.get(run.jobId) ?? Infinity);
    expect(await opened[0]?.connections.commands.zcard(opened[0].keys.due)).toBe(0);
  });

  it('keeps the next due time a step sets, and drops a cancelled one', async () => {
    const { scheduler, redis } = await instance();
    const runs: string[] = [];
    scheduler.start(async (jobId) => {
      runs.push(jobId);
      if (runs.filter((id) => id === jobId).length < 3) await scheduler.schedule(jobId, Date.now() + 10);
    });
    await scheduler.schedule('again', Date.now());
    await scheduler.schedule('cancelled', Date.now() + 50);
    await scheduler.cancel('cancelled');
    await waitUntil(() => runs.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toEqual(['again', 'again', 'again']);
    expect(await redis.connections.commands.zcard(redis.keys.due)).toBe(0);
  });

  it('adds a due time only to a job that has none, leases included', async () => {
    const { scheduler, redis } = await instance();
    await scheduler.schedule('armed', Date.now() + 60_000);
    expect(await scheduler.scheduleIfAbsent('armed', Date.now() + 1)).toBe(false);
    expect(await scheduler.scheduleIfAbsent('unarmed', Date.now() + 60_000)).toBe(true);
    const due = await redis.connections.commands.zrange(redis.keys.due, 0, -1, 'WITHSCORES');
    expect(due[0]).toBe('armed');
    expect(Number(due[1])).toBeGreaterThan(Date.now() + 50_000);
    expect(due[2]).toBe('unarmed');
  });

  it('runs the steps of an instance that died holding them on another, once its lease ends', async () => {
    const dying = await instance();
    const claimedAt = new Map<string, number>();
    let endStep!: () => void;
    const stepEnds = new Promise<void>((resolve) => (endStep = resolve));
    // A step that does not end, on an instance that then stops and loses its connection: a killed process.
    dying.scheduler.start(async (jobId) => {
      claimedAt.set(jobId, Date.now());
      await stepEnds;
    });
    const scheduledAt = Date.now();
    await dying.scheduler.schedule('orphan', scheduledAt);
    await waitUntil(() => claimedAt.has('orphan'));
    started.splice(started.indexOf(dying.scheduler), 1);
    const stopped = dying.scheduler.stop();
    await dying.redis.connections.close();

    const survivor = await instance();
    const runs: Run[] = [];
    survivor.scheduler.start(async (jobId) => {
      runs.push({ jobId, instance: 1, at: Date.now() });
    });
    await waitUntil(() => runs.length === 1);
    expect(runs[0]?.jobId).toBe('orphan');
    // The claim was made at `scheduledAt` or later, and holds for LEASE_MS.
    expect(runs[0]?.at).toBeGreaterThanOrEqual(scheduledAt + LEASE_MS);
    endStep();
    await stopped;
  });
});
