import { type ApiConfig, DEFAULT_API_CONFIG } from '../../config/api-config.js';
import { jobFixture } from '../../testing/job-fixture.js';
import { allEvents, RecordingSubscriber } from '../../testing/recording-subscriber.js';
import { ManualClock } from '../../testing/manual-clock.js';
import type { JobDto } from '../dto/job.dto.js';
import { InMemoryJobEventBus, REPLAY_PAGE_SIZE } from './in-memory-job-event-bus.js';
import type { JobEvent } from './job-event.js';

const job = (n: number, overrides: Partial<JobDto> = {}): JobDto => jobFixture({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, ...overrides });
const A = job(1);
const B = job(2);
const C = job(3);

async function* source(...events: JobEvent[]): AsyncIterable<readonly JobEvent[]> {
  yield events;
}

function setup(overrides: Partial<ApiConfig> = {}) {
  const clock = new ManualClock();
  return { clock, bus: new InMemoryJobEventBus({ ...DEFAULT_API_CONFIG, ...overrides }, clock) };
}

describe('InMemoryJobEventBus', () => {
  it('numbers events from the clock, increasing, and delivers them to the owner’s subscribers only', () => {
    const { bus, clock } = setup();
    const [alice1, alice2, bob] = [new RecordingSubscriber(), new RecordingSubscriber(), new RecordingSubscriber()];
    bus.subscribe('alice', alice1);
    bus.subscribe('alice', alice2);
    bus.subscribe('bob', bob);
    const first = bus.publish('alice', A);
    const second = bus.publish('alice', { ...A, progress: 50 });
    expect(first.id).toBe(clock.now() * 1000);
    expect(second.id).toBe(first.id + 1);
    expect(alice1.events).toEqual([first, second]);
    expect(alice2.events).toEqual([first, second]);
    expect(bob.events).toEqual([]);
  });

  it('keeps no log for a caller that never opened a stream', () => {
    const { bus } = setup();
    bus.publish('alice', A);
    expect(bus.logCount).toBe(0);
  });

  it('starts a new stream with a snapshot of the pending jobs under the ids of their last status change', async () => {
    const { bus } = setup();
    const stored = [{ id: bus.nextId(), job: A }, { id: bus.nextId(), job: { ...B, status: 'completed' as const } }, { id: bus.nextId(), job: C }];
    const first = await bus.replay('alice', {}, () => source(...stored));
    expect(first.resumed).toBe(false);
    const snapshot = await allEvents(first.events);
    expect(snapshot).toEqual([stored[0], stored[2]]);

    // A second stream gets the same entries, with the same ids, without reading the store again.
    const again = await allEvents((await bus.replay('alice', {}, () => source())).events);
    expect(again).toEqual(snapshot);
  });

  it('resumes after Last-Event-ID with the latest state of each job that changed since, in id order', async () => {
    const { bus } = setup();
    const snapshot = await allEvents((await bus.replay('alice', {}, () => source({ id: bus.nextId(), job: A }, { id: bus.nextId(), job: B }))).events);
    const cutAfter = snapshot[0]?.id ?? 0;
    bus.publish('alice', { ...A, progress: 10 });
    bus.publish('alice', { ...C });
    const latestA = bus.publish('alice', { ...A, progress: 20 });

    const resumed = await bus.replay('alice', { lastEventId: cutAfter }, () => source());
    expect(resumed.resumed).toBe(true);
    const events = await allEvents(resumed.events);
    // B (the rest of the snapshot), then C, then A's latest state only.
    expect(events.map((event) => [event.job.id, event.job.progress])).toEqual([
      [B.id, 0],
      [C.id, 0],
      [A.id, 20],
    ]);
    expect(events.at(-1)).toBe(latestA);
  });

  it('resumes from the store’s status changes when it has no log for the caller, as after a restart', async () => {
    const earlier = setup();
    const created = { id: earlier.bus.nextId(), job: A };
    const cut = created.id;
    const ended = { id: earlier.bus.nextId(), job: { ...B, status: 'completed' as const } };

    const { bus } = setup();
    bus.seed(ended.id);
    const resumed = await bus.replay('alice', { lastEventId: cut }, () => source(created, ended));
    expect(resumed.resumed).toBe(true);
    expect(await allEvents(resumed.events)).toEqual([ended]);
    expect(bus.nextId()).toBeGreaterThan(ended.id);
  });

  it('keeps events published while it builds a log, after the stored states they are newer than', async () => {
    const { bus } = setup();
    const stored = { id: bus.nextId(), job: A };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncIterable<readonly JobEvent[]> {
      await gate;
      yield [stored];
    }
    const replaying = bus.replay('alice', {}, slow);
    const live = bus.publish('alice', { ...A, status: 'completed', progress: 100 });
    release();
    await replaying;
    const resumed = await allEvents((await bus.replay('alice', { lastEventId: stored.id }, () => source())).events);
    expect(resumed).toEqual([live]);
  });

  it('with ?ids= starts with each listed job whatever its status, and resumes within them', async () => {
    const { bus } = setup();
    const done = { ...B, status: 'completed' as const };
    const listed = await allEvents((await bus.replay('alice', { jobIds: [B.id, C.id] }, () => source({ id: bus.nextId(), job: A }, { id: bus.nextId(), job: done }, { id: bus.nextId(), job: C }))).events);
    expect(listed.map((event) => event.job.id)).toEqual([B.id, C.id]);
    bus.publish('alice', { ...A, progress: 1 });
    const resumed = await allEvents((await bus.replay('alice', { lastEventId: listed[0]?.id ?? 0, jobIds: [B.id, C.id] }, () => source())).events);
    expect(resumed.map((event) => event.job.id)).toEqual([C.id]);
  });

  it('answers a Last-Event-ID it never issued with the snapshot', async () => {
    const { bus } = setup();
    const stored = { id: bus.nextId(), job: A };
    const future = await bus.replay('alice', { lastEventId: stored.id + 1_000_000 }, () => source(stored));
    expect(future.resumed).toBe(false);
    expect(await allEvents(future.events)).toEqual([stored]);
  });

  it('hands out a large start in pages', async () => {
    const { bus } = setup();
    const stored = Array.from({ length: REPLAY_PAGE_SIZE * 2 + 1 }, (_, i) => ({ id: bus.nextId(), job: job(i + 10) }));
    const pages: number[] = [];
    for await (const page of (await bus.replay('alice', {}, () => source(...stored))).events) pages.push(page.length);
    expect(pages).toEqual([REPLAY_PAGE_SIZE, REPLAY_PAGE_SIZE, 1]);
  });

  it('drops an entry with its job, and the log with its last entry', async () => {
    const { bus } = setup();
    await bus.replay('alice', {}, () => source({ id: bus.nextId(), job: A }, { id: bus.nextId(), job: B }));
    bus.forget('alice', A.id);
    expect(bus.loggedEntries).toBe(1);
    bus.forget('alice', B.id);
    expect(bus.logCount).toBe(0);
    expect(bus.loggedEntries).toBe(0);
  });

  it('keeps all logs under EVENT_LOG_MAX_ENTRIES by dropping the least recently used', async () => {
    const { bus } = setup({ eventLogMaxEntries: 3 });
    await bus.replay('alice', {}, () => source({ id: bus.nextId(), job: A }, { id: bus.nextId(), job: B }));
    await bus.replay('bob', {}, () => source({ id: bus.nextId(), job: C }));
    expect(bus.loggedEntries).toBe(3);
    bus.publish('bob', job(4));
    expect(bus.logCount).toBe(1);
    expect(bus.loggedEntries).toBe(2);
  });

  it('serves a caller with more jobs than all logs may hold straight from the store', async () => {
    const { bus } = setup({ eventLogMaxEntries: 1 });
    const stored = [{ id: bus.nextId(), job: A }, { id: bus.nextId(), job: B }];
    const start = await bus.replay('alice', {}, () => source(...stored));
    expect(await allEvents(start.events)).toEqual(stored);
    expect(bus.logCount).toBe(0);
    expect(bus.loggedEntries).toBe(0);
  });

  it('closes every subscriber on shutdown and forgets them', () => {
    const { bus } = setup();
    const subscriber = new RecordingSubscriber();
    bus.subscribe('alice', subscriber);
    bus.closeAll();
    expect(subscriber.closed).toBe(true);
    expect(bus.subscriberCount('alice')).toBe(0);
  });
});
