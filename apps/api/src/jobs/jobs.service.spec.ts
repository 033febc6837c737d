import { Logger } from '@nestjs/common';
import { isPromiseLike } from '../common/async/awaitable.js';
import { type ApiConfig, DEFAULT_API_CONFIG } from '../config/api-config.js';
import { ProblemException } from '../common/problems/problem.exception.js';
import { LaterTickJobStore } from '../testing/later-tick-job-store.js';
import { ManualClock } from '../testing/manual-clock.js';
import { RecordingSubscriber } from '../testing/recording-subscriber.js';
import type { JobDto } from './dto/job.dto.js';
import { InMemoryJobEventBus } from './events/in-memory-job-event-bus.js';
import type { JobEvent } from './events/job-event.js';
import type { JobRecord } from './job-record.js';
import { JobsService, type JobSubscription } from './jobs.service.js';
import { InMemoryJobScheduler } from './scheduling/in-memory-job-scheduler.js';
import { InMemoryJobStore } from './storage/in-memory-job-store.js';
import type { JobStore } from './storage/job-store.js';

const OWNER = 'owner-hash';
const OTHER = 'other-hash';
const DAY_MS = 86_400_000;

async function setup(overrides: Partial<ApiConfig> = {}, random: () => number = () => 0.5, store: JobStore = new InMemoryJobStore()) {
  const config: ApiConfig = { ...DEFAULT_API_CONFIG, jobTimeMs: 1000, progressIntervalMs: 250, pollMinMs: 100, jobRetentionMs: 5000, ...overrides };
  const clock = new ManualClock();
  const bus = new InMemoryJobEventBus(config, clock);
  const scheduler = new InMemoryJobScheduler(clock);
  const service = new JobsService(config, clock, random, store, bus, scheduler);
  await service.onApplicationBootstrap();
  return { config, clock, store, bus, scheduler, service };
}

async function firstEvents(subscription: JobSubscription): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const page of subscription.first) events.push(...page);
  return events;
}

/** Counts a store's calls and the records its pages hand out, to show how work grows. */
class CountingStore implements JobStore {
  readonly calls = new Map<string, number>();
  recordsPaged = 0;
  constructor(private readonly inner = new InMemoryJobStore()) {}
  private count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
  get total(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }
  insert(record: JobRecord): void {
    this.count('insert');
    this.inner.insert(record);
  }
  get(id: string): JobRecord | undefined {
    this.count('get');
    return this.inner.get(id);
  }
  update(record: JobRecord): boolean {
    this.count('update');
    return this.inner.update(record);
  }
  delete(id: string): void {
    this.count('delete');
    this.inner.delete(id);
  }
  async *pagesByOwner(ownerId: string, pageSize: number): AsyncIterable<readonly JobRecord[]> {
    this.count('pagesByOwner');
    for await (const page of this.inner.pagesByOwner(ownerId, pageSize)) {
      this.recordsPaged += page.length;
      yield page;
    }
  }
  async *pages(pageSize: number): AsyncIterable<readonly JobRecord[]> {
    this.count('pages');
    for await (const page of this.inner.pages(pageSize)) {
      this.recordsPaged += page.length;
      yield page;
    }
  }
  lastEventId(): number {
    this.count('lastEventId');
    return this.inner.lastEventId();
  }
  countPending(ownerId: string): number {
    this.count('countPending');
    return this.inner.countPending(ownerId);
  }
  size(): number {
    this.count('size');
    return this.inner.size();
  }
}

async function rejection(promise: Promise<unknown>): Promise<ProblemException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('Expected a rejection.');
}

describe('JobsService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('creates a pending job whose hint is the time left to its expected completion', async () => {
    const { service, clock } = await setup();
    const job = await service.create(OWNER);
    expect(job).toMatchObject({ status: 'pending', progress: 0, completedAt: null, error: null, pollAfterMs: 1000 });
    expect(Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt)).toBe(1000);
    await clock.advance(950);
    expect(await service.get(OWNER, job.id)).toMatchObject({ progress: 95, pollAfterMs: 100 });
  });

  it('leaves a job that another instance ended first to that instance: no second end, no second event', async () => {
    /** The other instance's end lands between this one's read of the pending job and its update. */
    class RacedStore extends InMemoryJobStore {
      override update(record: JobRecord): boolean {
        super.update({ ...record, completedAt: (record.completedAt ?? 0) - 1, eventId: record.eventId - 1 });
        return super.update(record);
      }
    }
    const { service, clock, scheduler, store } = await setup({ progressIntervalMs: 0 }, () => 0.5, new RacedStore());
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    const job = await service.create(OWNER);
    await clock.advance(1000);
    expect(subscriber.states()).toEqual([['pending', 0]]);
    expect(await store.get(job.id)).toMatchObject({ status: 'completed', completedAt: clock.now() - 1 });
    // Its expiry is the other instance's to arm.
    expect(scheduler.size).toBe(0);
  });

  it('tells the readiness probe that a shared store which does not answer within a second is unavailable', async () => {
    class SilentStore extends InMemoryJobStore {
      ping(): Promise<void> {
        return new Promise(() => undefined);
      }
    }
    const { service, clock } = await setup({}, () => 0.5, new SilentStore());
    const checked = rejection(service.checkStore());
    await clock.advance(1000);
    expect(await checked).toMatchObject({ kind: 'storeUnavailable', retryAfterMs: 1000 });
    // A store in this process has nothing to check.
    await expect((await setup()).service.checkStore()).resolves.toBeUndefined();
  });

  it('publishes creation, a progress event per interval and the completion, ending at 100', async () => {
    const { service, clock } = await setup();
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    const job = await service.create(OWNER);
    await clock.advance(1000);
    expect(subscriber.states()).toEqual([
      ['pending', 0],
      ['pending', 25],
      ['pending', 50],
      ['pending', 75],
      ['completed', 100],
    ]);
    const done = await service.get(OWNER, job.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, pollAfterMs: null, completedAt: new Date(clock.now()).toISOString() });
    const ids = subscriber.events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('publishes progress only when it changes, and a day-long job holds one timer', async () => {
    const { service, clock, scheduler } = await setup({ progressIntervalMs: 10 });
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    const job = await service.create(OWNER, { durationMs: DAY_MS });
    await clock.advance(60_000);
    expect(subscriber.states()).toEqual([['pending', 0]]);
    expect(scheduler.size).toBe(1);
    // 1 % of a day is 864 s: the first progress event comes then, not 86,400 times before.
    await clock.advance(864_000 - 60_000);
    expect(subscriber.states()).toEqual([
      ['pending', 0],
      ['pending', 1],
    ]);
    expect((await service.get(OWNER, job.id)).updatedAt).toBe(new Date(Date.parse(job.createdAt) + 864_000).toISOString());
  });

  it('publishes no progress events when the interval is 0, while reads still show the progress', async () => {
    const { service, clock } = await setup({ progressIntervalMs: 0 });
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    const job = await service.create(OWNER);
    await clock.advance(500);
    expect((await service.get(OWNER, job.id)).progress).toBe(50);
    await clock.advance(500);
    expect(subscriber.states().map(([status]) => status)).toEqual(['pending', 'completed']);
  });

  it('honours per-job duration and outcome overrides; a failed job keeps the progress it reached', async () => {
    const { service, clock } = await setup();
    const job = await service.create(OWNER, { durationMs: 100, outcome: 'error' });
    await clock.advance(100);
    expect(await service.get(OWNER, job.id)).toMatchObject({
      status: 'error',
      progress: 99,
      error: { code: 'simulated-failure', message: expect.any(String) },
    });
  });

  it('fails jobs at the configured rate and spreads durations by the jitter', async () => {
    const failing = await setup({ jobFailureRate: 0.3, jobTimeJitterMs: 200 }, () => 0.2);
    const job = await failing.service.create(OWNER);
    // random() = 0.2 → jitter (0.2·2 − 1)·200 = −120 ms; 0.2 < 0.3 → error
    expect(Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt)).toBe(880);
    await failing.clock.advance(880);
    expect((await failing.service.get(OWNER, job.id)).status).toBe('error');

    const passing = await setup({ jobFailureRate: 0.3 }, () => 0.3);
    const other = await passing.service.create(OWNER);
    await passing.clock.advance(1000);
    expect((await passing.service.get(OWNER, other.id)).status).toBe('completed');
  });

  it('hides another caller’s job behind the same not-found as an unknown id', async () => {
    const { service } = await setup();
    const job = await service.create(OWNER);
    const attempt = service.get(OTHER, job.id);
    await expect(attempt).rejects.toThrow(ProblemException);
    await expect(attempt).rejects.toMatchObject({ kind: 'jobNotFound' });
    expect(await service.getMany(OTHER, [job.id])).toEqual({ jobs: [], notFound: [job.id] });
  });

  it('reads a job without a promise from a store that answers at once, and with one from a store that answers later', async () => {
    const { service } = await setup();
    const job = await service.create(OWNER);
    const read = service.get(OWNER, job.id);
    expect(isPromiseLike(read)).toBe(false);
    expect(read).toMatchObject({ id: job.id, status: 'pending' });
    // A failure is a rejection either way, never a throw.
    const unknown = service.get(OWNER, '00000000-0000-4000-8000-000000000000');
    expect(isPromiseLike(unknown)).toBe(true);
    await expect(unknown).rejects.toMatchObject({ kind: 'jobNotFound' });

    const later = await setup({}, undefined, new LaterTickJobStore());
    const laterJob = await later.service.create(OWNER);
    const laterRead = later.service.get(OWNER, laterJob.id);
    expect(isPromiseLike(laterRead)).toBe(true);
    await expect(laterRead).resolves.toMatchObject({ id: laterJob.id });
  });

  it('reads a batch in request order, once per id', async () => {
    const { service } = await setup();
    const a = await service.create(OWNER);
    const b = await service.create(OWNER);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const batch = await service.getMany(OWNER, [b.id, unknown, a.id, b.id]);
    expect(batch.jobs.map((j) => j.id)).toEqual([b.id, a.id]);
    expect(batch.notFound).toEqual([unknown]);
  });

  it('forgets finished jobs after the retention time and leaves no timer or log behind', async () => {
    const { service, clock, store, bus } = await setup();
    const subscription = await service.subscribe(OWNER, new RecordingSubscriber(), {});
    const job = await service.create(OWNER);
    await clock.advance(1000 + 4999);
    expect((await service.get(OWNER, job.id)).status).toBe('completed');
    expect(bus.logCount).toBe(1);
    await clock.advance(1);
    await expect(service.get(OWNER, job.id)).rejects.toThrow(ProblemException);
    expect(store.size()).toBe(0);
    expect((store as InMemoryJobStore).ownerCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(bus.logCount).toBe(0);
    await subscription.unsubscribe();
    await subscription.unsubscribe();
    expect(bus.subscriberCount(OWNER)).toBe(0);
    expect(service.streamCount).toBe(0);
  });

  it('does store work in proportion to the jobs: 10,000 jobs run and expire with a few calls each', async () => {
    const store = new CountingStore();
    const { service, clock } = await setup({ jobRetentionMs: 1000 }, () => 0.5, store);
    const jobs = 10_000;
    for (let i = 0; i < jobs; i += 1) await service.create(OWNER, { durationMs: 0 });
    const afterCreates = store.total;
    await clock.advance(1000);
    // Per job: a get and an update at completion, a get and a delete at expiry. No listing.
    expect(store.total - afterCreates).toBe(4 * jobs);
    expect(store.size()).toBe(0);
    expect(store.calls.get('pagesByOwner') ?? 0).toBe(0);
    expect(store.recordsPaged).toBe(0);
  });

  describe('limits', () => {
    it('answers 429 past MAX_PENDING_JOBS_PER_CALLER until one of the caller’s jobs ends', async () => {
      const { service, clock } = await setup({ maxPendingJobsPerCaller: 2 });
      await service.create(OWNER, { durationMs: 100 });
      await service.create(OWNER, { durationMs: 200 });
      const refused = await rejection(service.create(OWNER));
      expect(refused).toMatchObject({ kind: 'tooManyPendingJobs', retryAfterMs: 1000 });
      expect(refused.getStatus()).toBe(429);
      await service.create(OTHER);
      await clock.advance(100);
      await service.create(OWNER);
    });

    it('answers 429 past the create rate, with the time until a token is free', async () => {
      const { service, clock } = await setup({ createRatePerS: 2, createBurst: 2 });
      await service.create(OWNER);
      await service.create(OWNER);
      expect(await rejection(service.create(OWNER))).toMatchObject({ kind: 'createRateExceeded', retryAfterMs: 500 });
      await service.create(OTHER);
      await clock.advance(500);
      await service.create(OWNER);
    });

    it('answers 503 when the server keeps MAX_JOBS, whoever asks', async () => {
      const { service, clock } = await setup({ maxJobs: 2, jobRetentionMs: 100 });
      await service.create(OWNER, { durationMs: 0 });
      await service.create(OWNER, { durationMs: 0 });
      const refused = await rejection(service.create(OTHER));
      expect(refused).toMatchObject({ kind: 'jobCapacityReached', retryAfterMs: 1000 });
      expect(refused.getStatus()).toBe(503);
      await clock.advance(100);
      await service.create(OTHER);
    });

    it('answers 429 past MAX_STREAMS_PER_CALLER and 503 past MAX_STREAMS, until a stream ends', async () => {
      const { service } = await setup({ maxStreamsPerCaller: 1, maxStreams: 2 });
      const own = await service.subscribe(OWNER, new RecordingSubscriber(), {});
      expect(await rejection(service.subscribe(OWNER, new RecordingSubscriber(), {}))).toMatchObject({ kind: 'tooManyStreams' });
      await service.subscribe(OTHER, new RecordingSubscriber(), {});
      const full = await rejection(service.subscribe('third', new RecordingSubscriber(), {}));
      expect(full).toMatchObject({ kind: 'streamCapacityReached', retryAfterMs: 1000 });
      expect(full.getStatus()).toBe(503);
      await own.unsubscribe();
      await service.subscribe(OWNER, new RecordingSubscriber(), {});
    });

    it('answers 429 past MAX_WAITS_PER_CALLER, until a long-poll ends', async () => {
      const { service, clock } = await setup({ maxWaitsPerCaller: 1, jobTimeMs: 10_000 });
      const job = await service.create(OWNER);
      const held = service.waitForChange(OWNER, [job.id], 1000);
      expect(await rejection(service.waitForChange(OWNER, [job.id], 1000))).toMatchObject({ kind: 'tooManyWaits', retryAfterMs: 1000 });
      await clock.advance(1000);
      await held;
      const again = service.waitForChange(OWNER, [job.id], 10);
      await clock.advance(10);
      await again;
    });
  });

  describe('waitForChange', () => {
    it('returns when a watched job finishes', async () => {
      const { service, clock } = await setup();
      const job = await service.create(OWNER);
      let settled = false;
      const wait = service.waitForChange(OWNER, [job.id], 30_000).then(() => (settled = true));
      await clock.advance(750);
      expect(settled).toBe(false);
      await clock.advance(250);
      await wait;
      expect(service.watchedJobCount).toBe(0);
    });

    it('gives up at the requested wait, and refuses a wait above LONG_POLL_MAX_MS', async () => {
      const { service, clock } = await setup({ longPollMaxMs: 200, jobTimeMs: 10_000 });
      const job = await service.create(OWNER);
      expect(await rejection(service.waitForChange(OWNER, [job.id], 201))).toMatchObject({ kind: 'validation' });
      const wait = service.waitForChange(OWNER, [job.id], 200);
      await clock.advance(200);
      await wait;
      expect((await service.get(OWNER, job.id)).status).toBe('pending');
      expect(service.watchedJobCount).toBe(0);
    });

    it('returns at once when nothing listed is pending, leaving no subscription behind', async () => {
      const { service, clock, bus } = await setup();
      const job = await service.create(OWNER);
      await clock.advance(1000);
      await service.waitForChange(OWNER, [job.id, '00000000-0000-4000-8000-000000000000'], 30_000);
      await service.waitForChange(OTHER, [(await service.create(OWNER)).id], 30_000);
      await clock.advance(0);
      expect(service.watchedJobCount).toBe(0);
      expect(bus.subscriberCount(OWNER)).toBe(0);
    });

    it('stops waiting and forgets the wait when the client leaves', async () => {
      const { service } = await setup();
      const job = await service.create(OWNER);
      const aborter = new AbortController();
      const wait = service.waitForChange(OWNER, [job.id], 30_000, aborter.signal);
      expect(service.watchedJobCount).toBe(1);
      aborter.abort();
      await wait;
      expect(service.watchedJobCount).toBe(0);
    });

    it('wakes on a job that another instance sharing the store and the bus runs', async () => {
      const { config, clock, store, bus, scheduler, service: runner } = await setup();
      const waiter = new JobsService(config, clock, () => 0.5, store, bus, scheduler);
      const job = await runner.create(OWNER);
      let settled = false;
      const wait = waiter.waitForChange(OWNER, [job.id], 30_000).then(() => (settled = true));
      await clock.advance(999);
      expect(settled).toBe(false);
      await clock.advance(1);
      await wait;
      expect((await waiter.get(OWNER, job.id)).status).toBe('completed');
    });
  });

  describe('subscribe', () => {
    it('starts a new subscription with the caller’s pending jobs only', async () => {
      const { service, clock } = await setup();
      const finished = await service.create(OWNER, { durationMs: 10 });
      await clock.advance(10);
      const pending = await service.create(OWNER);
      await service.create(OTHER);
      const start = await service.subscribe(OWNER, new RecordingSubscriber(), {});
      expect(start.resumed).toBe(false);
      expect((await firstEvents(start)).map((e) => e.job.id)).toEqual([pending.id]);
      expect(finished.id).not.toBe(pending.id);
    });

    it('with job ids, starts with each listed job whatever its status', async () => {
      const { service, clock } = await setup();
      const finished = await service.create(OWNER, { durationMs: 10 });
      await clock.advance(10);
      const foreign = await service.create(OTHER);
      const start = await service.subscribe(OWNER, new RecordingSubscriber(), { jobIds: [finished.id, foreign.id] });
      expect((await firstEvents(start)).map((e) => [e.job.id, e.job.status])).toEqual([[finished.id, 'completed']]);
    });

    it('resumes after Last-Event-ID with the latest state of each job that changed since', async () => {
      const { service, clock } = await setup();
      const first = new RecordingSubscriber();
      const subscription = await service.subscribe(OWNER, first, {});
      const job: JobDto = await service.create(OWNER);
      await clock.advance(250);
      const lastSeen = first.events.at(-1)?.id ?? 0;
      await subscription.unsubscribe();
      await clock.advance(750);

      const resumed = await service.subscribe(OWNER, new RecordingSubscriber(), { lastEventId: lastSeen });
      expect(resumed.resumed).toBe(true);
      const events = await firstEvents(resumed);
      expect(events.map((e) => [e.job.id, e.job.status])).toEqual([[job.id, 'completed']]);
      expect(events[0]?.id).toBeGreaterThan(lastSeen);
    });
  });

  describe('the first stream of a caller with many jobs', () => {
    it('lets timers and I/O run between the pages it reads from the store', async () => {
      const { service } = await setup({ maxPendingJobsPerCaller: 5000, createBurst: 5000 });
      for (let i = 0; i < 1500; i += 1) await service.create(OWNER, { durationMs: 60_000 });
      let turns = 0;
      const count = (): void => {
        turns += 1;
        if (turns < 1000) setImmediate(count);
      };
      setImmediate(count);
      const turnsBefore = turns;
      const subscription = await service.subscribe(OWNER, new RecordingSubscriber(), {});
      // Three pages of 500: the event loop turned between them while the log was built.
      expect(turns - turnsBefore).toBeGreaterThanOrEqual(2);
      expect(await firstEvents(subscription)).toHaveLength(1500);
      turns = 1000;
      await subscription.unsubscribe();
    });
  });

  describe('a restart on a store that kept the jobs', () => {
    it('ends overdue jobs at once with their planned outcome, the others on time, and expires the finished ones', async () => {
      const first = await setup({ jobRetentionMs: 10_000 });
      const overdue = await first.service.create(OWNER, { durationMs: 100, outcome: 'error' });
      const later = await first.service.create(OWNER, { durationMs: 5000 });
      const done = await first.service.create(OWNER, { durationMs: 0 });
      await first.clock.advance(0);
      await first.service.beforeApplicationShutdown();
      const stored = await Promise.all([overdue, later, done].map(async (job) => (await first.store.get(job.id))?.eventId ?? 0));
      const lastIdBefore = Math.max(...stored);

      // The process was down for a second; a new one starts on the same store.
      const clock = first.clock;
      await clock.advance(1000);
      const bus = new InMemoryJobEventBus(first.config, clock);
      const scheduler = new InMemoryJobScheduler(clock);
      const service = new JobsService(first.config, clock, () => 0.5, first.store, bus, scheduler);
      const subscriber = new RecordingSubscriber();
      bus.subscribe(OWNER, subscriber);
      await service.onApplicationBootstrap();
      await clock.advance(0);
      expect(subscriber.events.map((event) => [event.job.id, event.job.status])).toEqual([[overdue.id, 'error']]);
      expect(subscriber.events[0]?.id).toBeGreaterThan(lastIdBefore);
      expect(await service.get(OWNER, overdue.id)).toMatchObject({ completedAt: new Date(clock.now()).toISOString() });

      await clock.advance(4000 - 1);
      expect((await service.get(OWNER, later.id)).status).toBe('pending');
      await clock.advance(1);
      expect((await service.get(OWNER, later.id)).status).toBe('completed');

      // Expiry continues from each job's end: `done` ended 1 s before the restart, `overdue` at it.
      await clock.advance(5000);
      await expect(service.get(OWNER, done.id)).rejects.toMatchObject({ kind: 'jobNotFound' });
      await service.get(OWNER, overdue.id);
    });
  });

  it('on shutdown releases long-polls, closes streams and stops every timer', async () => {
    const { service, clock } = await setup();
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    const job = await service.create(OWNER);
    const wait = service.waitForChange(OWNER, [job.id], 30_000);
    await service.beforeApplicationShutdown();
    await wait;
    expect(subscriber.closed).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });
});
