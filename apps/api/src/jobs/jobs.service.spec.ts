import { Logger } from '@nestjs/common';
import { type ApiConfig, DEFAULT_API_CONFIG } from '../config/api-config.js';
import { ProblemException } from '../common/problems/problem.exception.js';
import { ManualClock } from '../testing/manual-clock.js';
import type { JobEvent, JobEventSubscriber } from './events/job-event.js';
import { JobEventHub } from './events/job-event-hub.js';
import { JobsService } from './jobs.service.js';

const OWNER = 'owner-hash';
const OTHER = 'other-hash';

function setup(overrides: Partial<ApiConfig> = {}, random: () => number = () => 0.5) {
  const config: ApiConfig = { ...DEFAULT_API_CONFIG, jobTimeMs: 1000, progressIntervalMs: 250, pollMinMs: 100, jobRetentionMs: 5000, ...overrides };
  const clock = new ManualClock();
  const hub = new JobEventHub(config, clock);
  const service = new JobsService(config, clock, random, hub);
  return { config, clock, hub, service };
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

  it('creates a pending job whose hint is the time left to its expected completion', () => {
    const { service, clock } = setup();
    const job = service.create(OWNER);
    expect(job).toMatchObject({ status: 'pending', progress: 0, completedAt: null, error: null, pollAfterMs: 1000 });
    expect(Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt)).toBe(1000);
    clock.advance(950);
    expect(service.get(OWNER, job.id).pollAfterMs).toBe(100);
  });

  it('publishes creation, a progress event per interval and the completion, ending at 100', () => {
    const { service, clock } = setup();
    const subscriber = new RecordingSubscriber();
    service.subscribe(OWNER, subscriber, {});
    const job = service.create(OWNER);
    clock.advance(1000);
    expect(subscriber.jobs().map((j) => [j.status, j.progress])).toEqual([
      ['pending', 0],
      ['pending', 25],
      ['pending', 50],
      ['pending', 75],
      ['completed', 100],
    ]);
    const done = service.get(OWNER, job.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, pollAfterMs: null, completedAt: new Date(clock.now()).toISOString() });
    const ids = subscriber.events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('publishes no progress events when the interval is 0', () => {
    const { service, clock } = setup({ progressIntervalMs: 0 });
    const subscriber = new RecordingSubscriber();
    service.subscribe(OWNER, subscriber, {});
    service.create(OWNER);
    clock.advance(1000);
    expect(subscriber.jobs().map((j) => j.status)).toEqual(['pending', 'completed']);
  });

  it('honours per-job duration and outcome overrides', () => {
    const { service, clock } = setup();
    const job = service.create(OWNER, { durationMs: 100, outcome: 'error' });
    clock.advance(100);
    expect(service.get(OWNER, job.id)).toMatchObject({
      status: 'error',
      progress: 0,
      error: { code: 'simulated-failure', message: expect.any(String) },
    });
  });

  it('fails jobs at the configured rate and spreads durations by the jitter', () => {
    const failing = setup({ jobFailureRate: 0.3, jobTimeJitterMs: 200 }, () => 0.2);
    const job = failing.service.create(OWNER);
    // random() = 0.2 → jitter (0.2·2 − 1)·200 = −120 ms; 0.2 < 0.3 → error
    expect(Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt)).toBe(880);
    failing.clock.advance(880);
    expect(failing.service.get(OWNER, job.id).status).toBe('error');

    const passing = setup({ jobFailureRate: 0.3 }, () => 0.3);
    const other = passing.service.create(OWNER);
    passing.clock.advance(1000);
    expect(passing.service.get(OWNER, other.id).status).toBe('completed');
  });

  it('hides another caller’s job behind the same not-found as an unknown id', () => {
    const { service } = setup();
    const job = service.create(OWNER);
    const attempt = (): unknown => service.get(OTHER, job.id);
    expect(attempt).toThrow(ProblemException);
    expect(attempt).toThrow(expect.objectContaining({ kind: 'jobNotFound' }) as Error);
    expect(service.getMany(OTHER, [job.id])).toEqual({ jobs: [], notFound: [job.id] });
  });

  it('reads a batch in request order, once per id', () => {
    const { service } = setup();
    const a = service.create(OWNER);
    const b = service.create(OWNER);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const batch = service.getMany(OWNER, [b.id, unknown, a.id, b.id]);
    expect(batch.jobs.map((j) => j.id)).toEqual([b.id, a.id]);
    expect(batch.notFound).toEqual([unknown]);
  });

  it('forgets finished jobs after the retention time and leaves no timer behind', () => {
    const { service, clock, hub } = setup();
    const job = service.create(OWNER);
    clock.advance(1000 + 4999);
    expect(service.get(OWNER, job.id).status).toBe('completed');
    clock.advance(1);
    expect(() => service.get(OWNER, job.id)).toThrow(ProblemException);
    expect(service.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(hub.channelCount).toBe(0);
  });

  describe('waitForChange', () => {
    it('returns when a watched job finishes', async () => {
      const { service, clock } = setup();
      const job = service.create(OWNER);
      let settled = false;
      const wait = service.waitForChange(OWNER, [job.id], 30_000).then(() => (settled = true));
      clock.advance(750);
      await Promise.resolve();
      expect(settled).toBe(false);
      clock.advance(250);
      await wait;
      expect(service.watchedJobCount).toBe(0);
    });

    it('gives up at the requested wait, capped by LONG_POLL_MAX_MS', async () => {
      const { service, clock } = setup({ longPollMaxMs: 200, jobTimeMs: 10_000 });
      const job = service.create(OWNER);
      const wait = service.waitForChange(OWNER, [job.id], 30_000);
      clock.advance(200);
      await wait;
      expect(service.get(OWNER, job.id).status).toBe('pending');
      expect(service.watchedJobCount).toBe(0);
    });

    it('returns at once when nothing listed is pending', async () => {
      const { service, clock } = setup();
      const job = service.create(OWNER);
      clock.advance(1000);
      await service.waitForChange(OWNER, [job.id, '00000000-0000-4000-8000-000000000000'], 30_000);
      await service.waitForChange(OTHER, [service.create(OWNER).id], 30_000);
      expect(service.watchedJobCount).toBe(0);
    });

    it('stops waiting and forgets the wait when the client leaves', async () => {
      const { service } = setup();
      const job = service.create(OWNER);
      const aborter = new AbortController();
      const wait = service.waitForChange(OWNER, [job.id], 30_000, aborter.signal);
      expect(service.watchedJobCount).toBe(1);
      aborter.abort();
      await wait;
      expect(service.watchedJobCount).toBe(0);
    });
  });

  describe('subscribe', () => {
    it('starts a new subscription with the caller’s pending jobs only', () => {
      const { service, clock } = setup();
      const finished = service.create(OWNER, { durationMs: 10 });
      clock.advance(10);
      const pending = service.create(OWNER);
      service.create(OTHER);
      const start = service.subscribe(OWNER, new RecordingSubscriber(), {});
      expect(start.replayed).toBe(false);
      expect(start.initial.map((e) => e.jobId)).toEqual([pending.id]);
      expect(start.initial.map((e) => e.jobId)).not.toContain(finished.id);
    });

    it('with job ids, starts with each listed job whatever its status', () => {
      const { service, clock } = setup();
      const finished = service.create(OWNER, { durationMs: 10 });
      clock.advance(10);
      const foreign = service.create(OTHER);
      const start = service.subscribe(OWNER, new RecordingSubscriber(), { jobIds: [finished.id, foreign.id] });
      expect(start.initial.map((e) => e.jobId)).toEqual([finished.id]);
    });

    it('replays the events after Last-Event-ID, or falls back to the snapshot when they were evicted', () => {
      const { service, clock } = setup({ sseReplayLimit: 2 });
      const first = new RecordingSubscriber();
      const subscription = service.subscribe(OWNER, first, {});
      const job = service.create(OWNER);
      clock.advance(250);
      const lastSeen = first.events.at(-1)?.id ?? 0;
      subscription.unsubscribe();
      clock.advance(250);

      const replay = service.subscribe(OWNER, new RecordingSubscriber(), { lastEventId: lastSeen });
      expect(replay.replayed).toBe(true);
      expect(replay.initial.map((e) => e.id)).toEqual([lastSeen + 1]);

      clock.advance(500);
      const fallback = service.subscribe(OWNER, new RecordingSubscriber(), { lastEventId: lastSeen, jobIds: [job.id] });
      expect(fallback.replayed).toBe(false);
      expect(fallback.initial).toHaveLength(1);
      expect(fallback.initial[0]?.id).toBeGreaterThan(first.events.at(-1)?.id ?? 0);
      expect(fallback.initial[0]?.frame).toContain('"status":"completed"');
    });

    it('leaves no subscriber or channel behind once unsubscribed and the jobs are gone', () => {
      const { service, clock, hub } = setup();
      const subscription = service.subscribe(OWNER, new RecordingSubscriber(), {});
      service.create(OWNER);
      expect(hub.subscriberCount(OWNER)).toBe(1);
      clock.advance(1000 + 5000);
      expect(hub.channelCount).toBe(1);
      subscription.unsubscribe();
      subscription.unsubscribe();
      expect(hub.subscriberCount(OWNER)).toBe(0);
      expect(hub.channelCount).toBe(0);
    });
  });

  it('on shutdown releases long-polls, closes streams and stops every timer', async () => {
    const { service, clock } = setup();
    const subscriber = new RecordingSubscriber();
    service.subscribe(OWNER, subscriber, {});
    const job = service.create(OWNER);
    const wait = service.waitForChange(OWNER, [job.id], 30_000);
    service.beforeApplicationShutdown();
    await wait;
    expect(subscriber.closed).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });
});
