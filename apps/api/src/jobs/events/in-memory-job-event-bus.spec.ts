import { type ApiConfig, DEFAULT_API_CONFIG } from '../../config/api-config.js';
import { jobFixture } from '../../testing/job-fixture.js';
import { ManualClock } from '../../testing/manual-clock.js';
import type { JobDto } from '../dto/job.dto.js';
import { InMemoryJobEventBus } from './in-memory-job-event-bus.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';

class Recorder implements JobEventSubscriber {
  readonly events: JobEvent[] = [];
  closed = false;
  send(event: JobEvent): void {
    this.events.push(event);
  }
  close(): void {
    this.closed = true;
  }
}

const A = jobFixture({ id: '00000000-0000-4000-8000-00000000000a' });
const B = jobFixture({ id: '00000000-0000-4000-8000-00000000000b' });

function setup(overrides: Partial<ApiConfig> = {}) {
  const clock = new ManualClock();
  return { clock, bus: new InMemoryJobEventBus({ ...DEFAULT_API_CONFIG, sseReplayLimit: 3, ...overrides }, clock) };
}

describe('InMemoryJobEventBus', () => {
  it('numbers a caller’s events from the clock, increasing, and frames each once', () => {
    const { bus, clock } = setup();
    const subscriber = new Recorder();
    void bus.subscribe('alice', subscriber, undefined, () => []);
    bus.publish('alice', A);
    bus.publish('alice', { ...A, progress: 50 });
    const [first, second] = subscriber.events;
    expect(first?.id).toBe(clock.now() * 1000 + 1);
    expect(second?.id).toBe(clock.now() * 1000 + 2);
    expect(first?.frame).toBe(`id: ${first?.id}\nevent: job\ndata: ${JSON.stringify(A)}\n\n`);
    expect(second?.job).toMatchObject({ id: A.id, progress: 50 });
  });

  it('delivers an event only to the subscribers of the job’s owner', () => {
    const { bus } = setup();
    const [alice1, alice2, bob] = [new Recorder(), new Recorder(), new Recorder()];
    void bus.subscribe('alice', alice1, undefined, () => []);
    void bus.subscribe('alice', alice2, undefined, () => []);
    void bus.subscribe('bob', bob, undefined, () => []);
    bus.publish('alice', A);
    expect(alice1.events.map((e) => e.jobId)).toEqual([A.id]);
    expect(alice2.events).toEqual(alice1.events);
    expect(bob.events).toEqual([]);
  });

  it('replays the logged events after Last-Event-ID, and snapshots when the bounded log no longer reaches back', async () => {
    const { bus } = setup();
    const first = new Recorder();
    void bus.subscribe('alice', first, undefined, () => []);
    for (let progress = 0; progress < 5; progress += 1) bus.publish('alice', { ...A, progress });
    const ids = first.events.map((e) => e.id);
    const snapshot = (): JobDto[] => [B];

    const replay = await bus.subscribe('alice', new Recorder(), ids[1], snapshot);
    expect(replay).toMatchObject({ replayed: true });
    expect(replay.initial.map((e) => e.id)).toEqual(ids.slice(2));

    const tooOld = await bus.subscribe('alice', new Recorder(), ids[0], snapshot);
    const ahead = await bus.subscribe('alice', new Recorder(), (ids[4] ?? 0) + 1000, snapshot);
    for (const start of [tooOld, ahead]) {
      expect(start.replayed).toBe(false);
      expect(start.initial.map((e) => e.jobId)).toEqual([B.id]);
    }
    // Snapshot ids are fresh: above everything issued before, and never reused.
    expect(tooOld.initial[0]?.id).toBeGreaterThan(ids[4] ?? Infinity);
    expect(ahead.initial[0]?.id).toBeGreaterThan(tooOld.initial[0]?.id ?? Infinity);
  });

  it('holds back events published while an asynchronous snapshot is read and sends them after it', async () => {
    const { bus } = setup();
    let finishRead!: (jobs: JobDto[]) => void;
    const subscriber = new Recorder();
    const starting = bus.subscribe('alice', subscriber, undefined, () => new Promise<JobDto[]>((resolve) => (finishRead = resolve)));
    bus.publish('alice', { ...A, status: 'completed', progress: 100 });
    expect(subscriber.events).toEqual([]);
    finishRead([A]);
    const start = await starting;

    expect(start.initial.map((e) => [e.jobId, e.job.status])).toEqual([
      [A.id, 'pending'],
      [A.id, 'completed'],
    ]);
    const [snapshotId, heldId] = start.initial.map((e) => e.id);
    expect(heldId).toBeGreaterThan(snapshotId ?? Infinity);
    bus.publish('alice', B);
    expect(subscriber.events.map((e) => e.jobId)).toEqual([B.id]);
    expect(subscriber.events[0]?.id).toBeGreaterThan(heldId ?? Infinity);
  });

  it('does not register a subscriber whose snapshot fails', async () => {
    const { bus } = setup();
    await expect(bus.subscribe('alice', new Recorder(), undefined, () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(() => bus.subscribe('bob', new Recorder(), undefined, () => { throw new Error('store down'); })).toThrow('store down');
    expect(bus.subscriberCount('alice') + bus.subscriberCount('bob')).toBe(0);
  });

  it('forgets a released caller only once it has no subscribers', () => {
    const { bus } = setup();
    const subscriber = new Recorder();
    void bus.subscribe('alice', subscriber, undefined, () => []);
    bus.release('alice');
    expect(bus.channelCount).toBe(1);
    bus.unsubscribe('alice', subscriber);
    expect(bus.subscriberCount('alice')).toBe(0);
    bus.release('alice');
    expect(bus.channelCount).toBe(0);
  });

  it('closes every subscriber on closeAll and delivers nothing afterwards', () => {
    const { bus } = setup();
    const [alice, bob] = [new Recorder(), new Recorder()];
    void bus.subscribe('alice', alice, undefined, () => []);
    void bus.subscribe('bob', bob, undefined, () => []);
    bus.closeAll();
    bus.publish('alice', A);
    expect([alice.closed, bob.closed]).toEqual([true, true]);
    expect(alice.events).toEqual([]);
    expect(bus.subscriberCount('alice')).toBe(0);
  });
});
