import { jobFixture } from '../../testing/job-fixture.js';
import { allEvents, RecordingSubscriber } from '../../testing/recording-subscriber.js';
import { openTestRedis, type TestRedis } from '../../testing/test-redis.js';
import { waitUntil } from '../../testing/wait-until.js';
import type { JobDto } from '../dto/job.dto.js';
import { REPLAY_PAGE_SIZE } from './in-memory-job-event-bus.js';
import type { JobEvent } from './job-event.js';
import { FORGET_GRACE_MS, RedisJobEventBus } from './redis-job-event-bus.js';
import { toStreamId } from './stream-ids.js';

const job = (n: number, overrides: Partial<JobDto> = {}): JobDto => jobFixture({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, ...overrides });
const A = job(1);
const B = job(2);
const C = job(3);

/** Two instances of the API on one Redis: one bus each, on connections of their own. */
describe('RedisJobEventBus', () => {
  let redis: TestRedis[];
  let one: RedisJobEventBus;
  let two: RedisJobEventBus;
  const bus = (instance: TestRedis, aheadMs = 0): RedisJobEventBus =>
    new RedisJobEventBus(instance.connections, instance.keys, { now: () => Date.now() + aheadMs }, { maxEntries: 100_000, idleTtlMs: 60_000 });

  beforeEach(async () => {
    const first = await openTestRedis();
    redis = [first, await openTestRedis(first.keys.prefix)];
    [one, two] = redis.map((instance) => bus(instance)) as [RedisJobEventBus, RedisJobEventBus];
  });
  afterEach(async () => {
    for (const instance of [one, two]) {
      instance.closeAll();
      await instance.beforeApplicationShutdown();
    }
    for (const instance of redis.reverse()) await instance.close();
  });

  it('issues increasing ids from every instance, above each one’s clock', async () => {
    const before = Date.now() * 1000;
    const ids: number[] = [];
    for (let i = 0; i < 10; i += 1) ids.push(await (i % 2 === 0 ? one : two).nextId());
    expect(ids[0]).toBeGreaterThanOrEqual(before);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('delivers an event published on one instance to the subscribers of the other, under the stream entry’s id', async () => {
    const [alice, bob] = [new RecordingSubscriber(), new RecordingSubscriber()];
    await two.subscribe('alice', alice);
    await two.subscribe('bob', bob);
    const published = await one.publish('alice', A, await one.nextId());
    await waitUntil(() => alice.events.length === 1);
    expect(alice.events).toEqual([published]);
    expect(bob.events).toEqual([]);
    const entries = await redis[0]?.connections.commands.xrange(redis[0].keys.events('alice'), '-', '+');
    expect(entries?.map(([entryId]) => entryId)).toEqual([toStreamId(published.id)]);
  });

  it('keeps ids increasing per caller when another instance’s earlier id arrives late', async () => {
    const early = await one.nextId();
    const late = await two.nextId();
    const first = await two.publish('alice', A, late);
    const second = await one.publish('alice', B, early);
    expect(first.id).toBe(late);
    expect(second.id).toBeGreaterThan(late);
  });

  it('keeps one entry per job, the latest, and resumes after an id on the other instance', async () => {
    const a1 = await one.publish('alice', A, await one.nextId());
    const b1 = await one.publish('alice', B, await one.nextId());
    const a2 = await two.publish('alice', { ...A, status: 'completed', progress: 100 });
    const c1 = await two.publish('alice', C, await two.nextId());
    expect(await redis[0]?.connections.commands.xlen(redis[0].keys.events('alice'))).toBe(3);
    const resumed = await two.replay('alice', { lastEventId: a1.id });
    expect(resumed.resumed).toBe(true);
    expect(await allEvents(resumed.events)).toEqual([b1, a2, c1]);
    const fromB = await one.replay('alice', { lastEventId: b1.id, jobIds: [C.id] });
    expect(await allEvents(fromB.events)).toEqual([c1]);
  });

  it('starts a new stream with the pending jobs, or the listed ones whatever their status', async () => {
    const a = await one.publish('alice', { ...A, status: 'completed', progress: 100 }, await one.nextId());
    const b = await one.publish('alice', B, await one.nextId());
    const snapshot = await two.replay('alice', {});
    expect(snapshot.resumed).toBe(false);
    expect(await allEvents(snapshot.events)).toEqual([b]);
    expect(await allEvents((await two.replay('alice', { jobIds: [A.id] })).events)).toEqual([a]);
  });

  it('answers a Last-Event-ID above every id of the caller with a snapshot', async () => {
    const b = await one.publish('alice', B, await one.nextId());
    const forged = await two.replay('alice', { lastEventId: b.id + 1 });
    expect(forged.resumed).toBe(false);
    expect(await allEvents(forged.events)).toEqual([b]);
  });

  it('replays a log of many jobs in pages, in id order', async () => {
    const published: JobEvent[] = [];
    for (let n = 0; n < REPLAY_PAGE_SIZE + 10; n += 1) published.push(await one.publish('alice', job(100 + n), await one.nextId()));
    const pages: number[] = [];
    const events: JobEvent[] = [];
    for await (const page of (await two.replay('alice', {})).events) {
      pages.push(page.length);
      events.push(...page);
    }
    expect(pages).toEqual([REPLAY_PAGE_SIZE, 10]);
    expect(events).toEqual(published);
  });

  it('misses no event published while a second subscriber of the caller joins', async () => {
    const [first, second] = [new RecordingSubscriber(), new RecordingSubscriber()];
    const joining = [two.subscribe('alice', first), two.subscribe('alice', second)];
    await Promise.all(joining);
    const event = await one.publish('alice', A, await one.nextId());
    await waitUntil(() => first.events.length === 1 && second.events.length === 1);
    expect(second.events).toEqual([event]);
  });

  it('follows a caller that subscribes while the instance is already reading others', async () => {
    const bob = new RecordingSubscriber();
    await two.subscribe('bob', bob);
    // The read over bob's stream is blocked now; alice's stream must join it at once.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const alice = new RecordingSubscriber();
    await two.subscribe('alice', alice);
    const event = await one.publish('alice', A, await one.nextId());
    await waitUntil(() => alice.events.length === 1);
    expect(alice.events).toEqual([event]);
  });

  it('keeps a job’s final state a grace period after it is forgotten, so that a busy instance still reads it', async () => {
    const done = await one.publish('alice', { ...A, status: 'completed', progress: 100 }, await one.nextId());
    await two.forget('alice', A.id);
    const commands = redis[0]?.connections.commands;
    expect((await commands?.xrange(redis[0]?.keys.events('alice') ?? '', '-', '+'))?.map(([id]) => id)).toEqual([toStreamId(done.id)]);
    expect(await commands?.hexists(redis[0]?.keys.eventIndex('alice') ?? '', A.id)).toBe(0);
  });

  it('forgets a job’s entry, and the caller’s stream with its last one; unsubscribing leaves nothing', async () => {
    const alice = new RecordingSubscriber();
    await one.subscribe('alice', alice);
    await one.publish('alice', A, await one.nextId());
    await one.publish('alice', B, await one.nextId());
    // Forgotten after the grace period, by an instance whose clock says so.
    const later = bus(redis[1] as TestRedis, FORGET_GRACE_MS + 1);
    await later.forget('alice', A.id);
    expect(await allEvents((await one.replay('alice', {})).events)).toEqual([expect.objectContaining({ job: B })]);
    await later.forget('alice', B.id);
    const commands = redis[0]?.connections.commands;
    expect(await commands?.exists(redis[0]?.keys.events('alice') ?? '', redis[0]?.keys.eventIndex('alice') ?? '')).toBe(0);
    one.unsubscribe('alice', alice);
    expect(one.subscriberCount('alice')).toBe(0);
    expect(one.followedCount).toBe(0);
  });

  it('follows nothing when Redis cannot say where a caller’s stream ends, and says so to every subscriber', async () => {
    await redis[1]?.connections.close();
    const [first, second] = [new RecordingSubscriber(), new RecordingSubscriber()];
    const results = await Promise.allSettled([two.subscribe('alice', first), two.subscribe('alice', second)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(two.followedCount).toBe(0);
  });

  it('closes every subscriber of its own instance only', async () => {
    const [here, there] = [new RecordingSubscriber(), new RecordingSubscriber()];
    await one.subscribe('alice', here);
    await two.subscribe('alice', there);
    one.closeAll();
    expect(here.closed).toBe(true);
    expect(there.closed).toBe(false);
  });
});
