import { Logger } from '@nestjs/common';
import { type ApiConfig, DEFAULT_API_CONFIG } from '../config/api-config.js';
import { ProblemException } from '../common/problems/problem.exception.js';
import { ManualClock } from '../testing/manual-clock.js';
import { InMemoryJobEventBus } from './events/in-memory-job-event-bus.js';
import type { JobEvent, JobEventSubscriber } from './events/job-event.js';
import { JobsService } from './jobs.service.js';
import { InMemoryJobStore } from './storage/in-memory-job-store.js';

const OWNER = 'owner-hash';
const OTHER = 'other-hash';

function setup(overrides: Partial<ApiConfig> = {}, random: () => number = () => 0.5) {
  const config: ApiConfig = { ...DEFAULT_API_CONFIG, jobTimeMs: 1000, progressIntervalMs: 250, pollMinMs: 100, jobRetentionMs: 5000, ...overrides };
  const clock = new ManualClock();
  const store = new InMemoryJobStore();
  const bus = new InMemoryJobEventBus(config, clock);
  const service = new JobsService(config, clock, random, store, bus);
  return { config, clock, store, bus, service };
}

class RecordingSubscriber implements JobEventSubscriber {
  readonly events: JobEvent[] = [];
  closed = false;
  send(event: JobEvent): void {
    this.events.push(event);
  }
  close(): void {
    this.closed = true;
  }
  jobs(): Array<{ id: string; status: string; progress: number }> {
    return this.events.map((event) => JSON.parse(event.frame.split('data: ')[1] ?? '') as { id: string; status: string; progress: number });
  }
}

describe('JobsService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('creates a pending job whose hint is the time left to its expected completion', async () => {
    const { service, clock } = setup();
    const job = await service.create(OWNER);
    expect(job).toMatchObject({ status: 'pending', progress: 0, completedAt: null, error: null, pollAfterMs: 1000 });
    expect(Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt)).toBe(1000);
    await clock.advance(950);
    expect((await service.get(OWNER, job.id)).pollAfterMs).toBe(100);
  });

  it('publishes creation, a progress event per interval and the completion, ending at 100', async () => {
    const { service, clock } = setup();
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    const job = await service.create(OWNER);
    await clock.advance(1000);
    expect(subscriber.jobs().map((j) => [j.status, j.progress])).toEqual([
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

  it('publishes no progress events when the interval is 0', async () => {
    const { service, clock } = setup({ progressIntervalMs: 0 });
    const subscriber = new RecordingSubscriber();
    await service.subscribe(OWNER, subscriber, {});
    await service.create(OWNER);
    await clock.advance(1000);
    expect(subscriber.jobs().map((j) => j.status)).toEqual(['pending', 'completed']);
  });

  it('honours per-job duration and outcome overrides', async () => {
    const { service, clock } = setup();
    const job = await service.create(OWNER, { durationMs: 100, outcome: 'error' });
    await clock.advance(100);
    expect(await service.get(OWNER, job.id)).toMatchObject({
      status: 'error',
      progress: 0,
      error: { code: 'simulated-failure', message: expect.any(String) },
    });
  });

  it('fails jobs at the configured rate and spreads durations by the jitter', async () => {
    const failing = setup({ jobFailureRate: 0.3, jobTimeJitterMs: 200 }, () => 0.2);
    const job = await failing.service.create(OWNER);
    // random() = 0.2 → jitter (0.2·2 − 1)·200 = −120 ms; 0.2 < 0.3 → error
    expect(Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt)).toBe(880);
    await failing.clock.advance(880);
    expect((await failing.service.get(OWNER, job.id)).status).toBe('error');

    const passing = setup({ jobFailureRate: 0.3 }, () => 0.3);
    const other = await passing.service.create(OWNER);
    await passing.clock.advance(1000);
    expect((await passing.service.get(OWNER, other.id)).status).toBe('completed');
  });

  it('hides another caller’s job behind the same not-found as an unknown id', async () => {
    const { service } = setup();
    const job = await service.create(OWNER);
    const attempt = service.get(OTHER, job.id);
    await expect(attempt).rejects.toThrow(ProblemException);
    await expect(attempt).rejects.toMatchObject({ kind: 'jobNotFound' });
    expect(await service.getMany(OTHER, [job.id])).toEqual({ jobs: [], notFound: [job.id] });
  });

  it('reads a batch in request order, once per id', async () => {
    const { service } = setup();
    const a = await service.create(OWNER);
    const b = await service.create(OWNER);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const batch = await service.getMany(OWNER, [b.id, unknown, a.id, b.id]);
    expect(batch.jobs.map((j) => j.id)).toEqual([b.id, a.id]);
    expect(batch.notFound).toEqual([unknown]);
  });

  it('forgets finished jobs after the retention time and leaves no timer behind', async () => {
    const { service, clock, store, bus } = setup();
    const job = await service.create(OWNER);
    await clock.advance(1000 + 4999);
    expect((await service.get(OWNER, job.id)).status).toBe('completed');
    await clock.advance(1);
    await expect(service.get(OWNER, job.id)).rejects.toThrow(ProblemException);
    expect(store.size()).toBe(0);
    expect(store.ownerCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(bus.channelCount).toBe(0);
  });

  describe('waitForChange', () => {
    it('returns when a watched job finishes', async () => {
      const { service, clock } = setup();
      const job = await service.create(OWNER);
      let settled = false;
      const wait = service.waitForChange(OWNER, [job.id], 30_000).then(() => (settled = true));
      await clock.advance(750);
      expect(settled).toBe(false);
      await clock.advance(250);
      await wait;
      expect(service.watchedJobCount).toBe(0);
    });

    it('gives up at the requested wait, capped by LONG_POLL_MAX_MS', async () => {
      const { service, clock } = setup({ longPollMaxMs: 200, jobTimeMs: 10_000 });
      const job = await service.create(OWNER);
      const wait = service.waitForChange(OWNER, [job.id], 30_000);
      await clock.advance(200);
      await wait;
      expect((await service.get(OWNER, job.id)).status).toBe('pending');
      expect(service.watchedJobCount).toBe(0);
    });

    it('returns at once when nothing listed is pending, leaving no subscription behind', async () => {
      const { service, clock, bus } = setup();
      const job = await service.create(OWNER);
      await clock.advance(1000);
      await service.waitForChange(OWNER, [job.id, '00000000-0000-4000-8000-000000000000'], 30_000);
      await service.waitForChange(OTHER, [(await service.create(OWNER)).id], 30_000);
      await clock.advance(0);
      expect(service.watchedJobCount).toBe(0);
      expect(bus.subscriberCount(OWNER)).toBe(0);
      expect(bus.channelCount).toBe(1);
    });

    it('stops waiting and forgets the wait when the client leaves', async () => {
      const { service } = setup();
      const job = await service.create(OWNER);
      const aborter = new AbortController();
      const wait = service.waitForChange(OWNER, [job.id], 30_000, aborter.signal);
      expect(service.watchedJobCount).toBe(1);
      aborter.abort();
      await wait;
      expect(service.watchedJobCount).toBe(0);
    });

    it('wakes on a job that another instance sharing the store and the bus runs', async () => {
      const { config, clock, store, bus, service: runner } = setup();
      const waiter = new JobsService(config, clock, () => 0.5, store, bus);
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
      const { service, clock } = setup();
      const finished = await service.create(OWNER, { durationMs: 10 });
      await clock.advance(10);
      const pending = await service.create(OWNER);
      await service.create(OTHER);
      const start = await service.subscribe(OWNER, new RecordingSubscriber(), {});
      expect(start.replayed).toBe(false);
      expect(start.initial.map((e) => e.jobId)).toEqual([pending.id]);
      expect(start.initial.map((e) => e.jobId)).not.toContain(finished.id);
    });

    it('with job ids, starts with each listed job whatever its status', async () => {
      const { service, clock } = setup();
      const finished = await service.create(OWNER, { durationMs: 10 });
      await clock.advance(10);
      const foreign = await service.create(OTHER);
      const start = await service.subscribe(OWNER, new RecordingSubscriber(), { jobIds: [finished.id, foreign.id] });
      expect(start.initial.map((e) => e.jobId)).toEqual([finished.id]);
    });

    it('replays the events after Last-Event-ID, or falls back to the snapshot when they were evicted', async () => {
      const { service, clock } = setup({ sseReplayLimit: 2 });
      const first = new RecordingSubscriber();
      const subscription = await service.subscribe(OWNER, first, {});
      const job = await service.create(OWNER);
      await clock.advance(250);
      const lastSeen = first.events.at(-1)?.id ?? 0;
      await subscription.unsubscribe();
      await clock.advance(250);

      const replay = await service.subscribe(OWNER, new RecordingSubscriber(), { lastEventId: lastSeen });
      expect(replay.replayed).toBe(true);
      expect(replay.initial.map((e) => e.id)).toEqual([lastSeen + 1]);

      await clock.advance(500);
      const fallback = await service.subscribe(OWNER, new RecordingSubscriber(), { lastEventId: lastSeen, jobIds: [job.id] });
      expect(fallback.replayed).toBe(false);
      expect(fallback.initial).toHaveLength(1);
      expect(fallback.initial[0]?.id).toBeGreaterThan(first.events.at(-1)?.id ?? 0);
      expect(fallback.initial[0]?.frame).toContain('"status":"completed"');
    });

    it('leaves no subscriber or channel behind once unsubscribed and the jobs are gone', async () => {
      const { service, clock, bus } = setup();
      const subscription = await service.subscribe(OWNER, new RecordingSubscriber(), {});
      await service.create(OWNER);
      expect(bus.subscriberCount(OWNER)).toBe(1);
      await clock.advance(1000 + 5000);
      expect(bus.channelCount).toBe(1);
      await subscription.unsubscribe();
      await subscription.unsubscribe();
      expect(bus.subscriberCount(OWNER)).toBe(0);
      expect(bus.channelCount).toBe(0);
    });
  });

  it('on shutdown releases long-polls, closes streams and stops every timer', async () => {
    const { service, clock } = setup();
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
