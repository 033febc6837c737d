import { jest } from '@jest/globals';
import { callerIdFromAuthorization } from '../common/auth/caller-key.js';
import { SseReader } from '../testing/sse-reader.js';
import { newKey, startTestServer, type TestServer } from '../testing/test-server.js';
import { waitUntil } from '../testing/wait-until.js';
import type { JobDto } from './dto/job.dto.js';
import { JOB_EVENT_BUS, type JobEventBus } from './events/job-event-bus.js';
import { JobsService } from './jobs.service.js';

type Job = JobDto;

describe('GET /status event stream', () => {
  let server: TestServer;
  const readers: SseReader[] = [];

  beforeAll(async () => {
    server = await startTestServer({ jobTimeMs: 60_000, heartbeatMs: 40, sseRetryMs: 1234 });
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
  });
  afterAll(() => server.close());

  const open = async (key: string, query = '', lastEventId?: number): Promise<SseReader> => {
    const res = await server.request(`/status${query}`, {
      key,
      headers: lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = new SseReader(res);
    readers.push(reader);
    expect(await reader.next()).toEqual({ kind: 'retry', retry: 1234 });
    return reader;
  };

  const createOn = async (target: TestServer, key: string, body: object = {}): Promise<Job> => {
    const res = await target.request('/create', { method: 'POST', key, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as Job;
  };
  const create = (key: string, body: object = {}): Promise<Job> => createOn(server, key, body);

  const settle = async (key: string, id: string): Promise<void> => {
    const res = await server.request(`/status/${id}?waitMs=5000`, { key });
    expect(((await res.json()) as Job).status).not.toBe('pending');
  };

  it('opens with retry, then the current state of the caller’s pending jobs only', async () => {
    const key = newKey();
    const finished = await create(key, { durationMs: 0 });
    await settle(key, finished.id);
    const pending = await create(key);
    await create(newKey());

    const reader = await open(key);
    const first = await reader.nextJob();
    expect(first.job).toMatchObject({ id: pending.id, status: 'pending' });
    expect(await reader.next()).toEqual({ kind: 'comment', comment: 'heartbeat' });
  });

  it('delivers live events with ids unique and increasing per caller', async () => {
    const key = newKey();
    const reader = await open(key);
    const job = await create(key, { durationMs: 50 });
    const created = await reader.nextJob();
    const completed = await reader.nextJob();
    expect([created.job.status, completed.job.status]).toEqual(['pending', 'completed']);
    expect(completed.job.id).toBe(job.id);
    expect(completed.id).toBeGreaterThan(created.id);
  });

  it('with ?ids= starts with each listed job whatever its status and streams nothing else', async () => {
    const key = newKey();
    const done = await create(key, { durationMs: 0, outcome: 'error' });
    await settle(key, done.id);
    const listed = await create(key, { durationMs: 1_000 });
    const reader = await open(key, `?ids=${done.id},${listed.id.toUpperCase()}`);
    expect((await reader.nextJob()).job).toMatchObject({ id: done.id, status: 'error' });
    expect((await reader.nextJob()).job).toMatchObject({ id: listed.id, status: 'pending' });

    // Events of an unlisted job happen before the listed job completes, so they would come first.
    const unlisted = await create(key, { durationMs: 0 });
    await settle(key, unlisted.id);
    expect((await reader.nextJob()).job).toMatchObject({ id: listed.id, status: 'completed' });
  });

  it('fans events out to every connection of the owner and to no other caller', async () => {
    const owner = newKey();
    const stranger = newKey();
    const [a, b, other] = [await open(owner), await open(owner), await open(stranger)];
    const job = await create(owner);
    const strangersJob = await create(stranger);
    expect((await a.nextJob()).job.id).toBe(job.id);
    expect((await b.nextJob()).job.id).toBe(job.id);
    expect((await other.nextJob()).job.id).toBe(strangersJob.id);
  });

  it('replays the events after Last-Event-ID on reconnect', async () => {
    const key = newKey();
    const first = await open(key);
    const job = await create(key, { durationMs: 100 });
    const seen = await first.nextJob();
    await first.cancel();
    await settle(key, job.id);

    const again = await open(key, '', seen.id);
    const replayed = await again.nextJob();
    expect(replayed.job).toMatchObject({ id: job.id, status: 'completed' });
    expect(replayed.id).toBeGreaterThan(seen.id);
  });

  it('resumes a snapshot cut in the middle: the rest of it, then live events, nothing twice', async () => {
    const key = newKey();
    const a = await create(key, { durationMs: 0 });
    const b = await create(key, { durationMs: 0, outcome: 'error' });
    await settle(key, a.id);
    await settle(key, b.id);
    const p = await create(key, { durationMs: 300 });
    const listed = `?ids=${a.id},${b.id},${p.id}`;
    const first = await open(key, listed);
    const cut = await first.nextJob();
    expect(cut.job).toMatchObject({ id: a.id, status: 'completed' });
    await first.cancel();

    const again = await open(key, listed, cut.id);
    const events = [await again.nextJob(), await again.nextJob(), await again.nextJob()];
    // The rest of the snapshot in id order, then P's completion: A never comes again.
    expect(events.map((event) => [event.job.id, event.job.status])).toEqual([
      [b.id, 'error'],
      [p.id, 'pending'],
      [p.id, 'completed'],
    ]);
    expect(events.map((event) => event.id)).toEqual([...events.map((event) => event.id)].sort((x, y) => x - y));
    expect(events[0]?.id).toBeGreaterThan(cut.id);
  });

  it('resumes from the stored status changes when the server no longer has the caller’s log', async () => {
    const small = await startTestServer({ jobTimeMs: 60_000, eventLogMaxEntries: 2 });
    const key = newKey();
    try {
      const first = new SseReader(await small.request('/status', { key }));
      readers.push(first);
      const a = await createOn(small, key);
      const seen = await first.nextJob();
      await first.cancel();
      // Three jobs: the caller's log would hold more entries than all logs may, so it is dropped.
      const b = await createOn(small, key);
      const c = await createOn(small, key);

      const again = new SseReader(await small.request('/status', { key, headers: { 'Last-Event-ID': String(seen.id) } }));
      readers.push(again);
      const events = [await again.nextJob(), await again.nextJob()];
      expect(events.map((event) => event.job.id)).toEqual([b.id, c.id]);
      expect(seen.job.id).toBe(a.id);
    } finally {
      await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
      await small.close();
    }
  });

  it('answers a Last-Event-ID it never issued with the snapshot', async () => {
    const key = newKey();
    const a = await create(key);
    const reader = await open(key, '', Number.MAX_SAFE_INTEGER);
    expect((await reader.nextJob()).job.id).toBe(a.id);
  });

  it('leaves no subscription behind when the client disconnects', async () => {
    const key = newKey();
    const bus = server.app.get<JobEventBus>(JOB_EVENT_BUS);
    const callerId = callerIdFromAuthorization(`Bearer ${key}`) ?? '';
    const reader = await open(key);
    expect(bus.subscriberCount(callerId)).toBe(1);
    await reader.cancel();
    await waitUntil(() => bus.subscriberCount(callerId) === 0);
  });

  it('answers HEAD with the stream’s headers and an empty body, and never subscribes', async () => {
    const subscribe = jest.spyOn(server.app.get(JobsService), 'subscribe');
    const res = await server.request('/status', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The body is read to its end, so the response was ended rather than held open.
    expect(await res.text()).toBe('');
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('answers problems, not a stream, for a bad key, filter or Last-Event-ID', async () => {
    const unauthorized = await server.request('/status', { key: null });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    await unauthorized.body?.cancel();
    for (const [query, headers] of [
      ['?ids=', {}],
      ['?ids=nope', {}],
      [`?ids=${Array.from({ length: 101 }, () => newKey()).join(',')}`, {}],
      ['', { 'Last-Event-ID': 'abc' }],
    ] as const) {
      const res = await server.request(`/status${query}`, { headers });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { type: string }).type).toBe('urn:heygen-mock:problem:validation');
    }
  });
});
