import { HeyGenAPI } from '../heygen-api.js';
import type { TransportChange } from '../heygen-api.js';
import { json } from '../testing/fake-fetch.js';
import { batchOf } from '../testing/fake-server.js';
import { flush, useFakeTime } from '../testing/flush.js';
import { quiet } from '../testing/quiet-logger.js';
import { makeJob, nextState as next } from '../testing/job.js';
import { streamingServer } from '../testing/streaming-server.js';

const url = 'http://api.test';

describe('SSE transport', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it('opens one stream for all jobs of the key, with the key in a header and nothing in the URL', async () => {
    const { server, created } = streamingServer();
    const [a, b] = [makeJob(), makeJob()];
    created(a, b);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    await client.createJob();
    await client.createJob();
    client.listen(a.id, () => undefined);
    client.listen(b.id, () => undefined);
    expect(server.streams()).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(0);
    const [stream] = server.streams();
    expect(server.streams()).toHaveLength(1);
    expect(stream!.url.href).toBe(`${url}/status`);
    expect(stream!.headers.get('authorization')).toBe(`Bearer ${client.apiKey}`);
    expect(stream!.headers.get('last-event-id')).toBeNull();
    // Once open, one read of the watched jobs covers what happened before the stream existed.
    await flush();
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [a.id, b.id] }]);
    client.dispose();
  });

  it('delivers job events, skips malformed ones, ignores comments, and each terminal state once', async () => {
    const { server, last, created } = streamingServer();
    const job = makeJob();
    created(job);
    const warn = jest.fn();
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch, logger: { ...quiet, warn } });
    const seen: string[] = [];
    client.listen((await client.createJob()).id, (j) => seen.push(`${j.status}:${j.progress}`));
    await jest.advanceTimersByTimeAsync(0);
    const done = next(job, { status: 'completed', progress: 100 });
    last().write(': heartbeat\n\nretry: 1000\n\n');
    last().event(1, next(job, { progress: 40 }));
    last().write('id: 2\nevent: job\ndata: {not json\n\n');
    last().event(3, done);
    last().event(4, done);
    await flush();
    expect(seen).toEqual(['pending:40', 'completed:100']);
    expect(warn).toHaveBeenCalledWith('[heygen]', 'Not a job');
    // The last watched job finished: the stream closed before the repeat arrived.
    expect(client.stats.eventsReceived).toBe(3);
    expect(server.streams()[0]!.signal.aborted).toBe(true);
    client.dispose();
  });

  it('reconnects at once after losing an open stream, then with backoff, each time with Last-Event-ID', async () => {
    // The top of every jitter range.
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { server, last, streams, created } = streamingServer();
    const job = makeJob();
    created(job);
    // Without fallback, so that the second loss in a row does not move the job to polling.
    const client = new HeyGenAPI({ url, mode: 'SSE', fallback: false, fetch: server.fetch });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    last().event(41, next(job, { progress: 10 }));
    await flush();
    last().end();
    await flush();
    // A fifth of reconnectMinMs (250 ms) at most.
    await jest.advanceTimersByTimeAsync(45);
    expect(streams).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10);
    expect(streams).toHaveLength(2);
    expect(server.streams()[1]!.headers.get('last-event-id')).toBe('41');
    // A second loss in a row backs off: 250 ms doubled once.
    last().end();
    await flush();
    await jest.advanceTimersByTimeAsync(490);
    expect(streams).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(20);
    expect(streams).toHaveLength(3);
    expect(server.streams()[2]!.headers.get('last-event-id')).toBe('41');
    expect(client.stats).toMatchObject({ streamConnects: 3, reconnects: 2 });
    expect(client.transport).toBe('SSE');
    client.dispose();
  });

  it('waits the full backoff before retrying a stream that never opened', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { server, refuse, created } = streamingServer();
    created(makeJob());
    const client = new HeyGenAPI({ url, mode: 'SSE', fallback: false, fetch: server.fetch });
    refuse(() => json({}, 503));
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    expect(server.streams()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(240);
    expect(server.streams()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(20);
    expect(server.streams()).toHaveLength(2);
    client.dispose();
  });

  it('keeps its one connection when a job is watched while it is open, and ignores jobs nobody watches', async () => {
    const { server, last, created } = streamingServer();
    const [a, b, other] = [makeJob(), makeJob(), makeJob()];
    created(a, b);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    const seen: string[] = [];
    client.listen((await client.createJob()).id, (j) => seen.push(`a:${j.status}`));
    await jest.advanceTimersByTimeAsync(10);
    last().event(7, next(a, { progress: 10 }));
    await flush();
    client.listen((await client.createJob()).id, (j) => seen.push(`b:${j.status}`));
    await jest.advanceTimersByTimeAsync(1000);
    last().event(8, next(other, { status: 'completed', progress: 100 }));
    last().event(9, next(b, { status: 'completed', progress: 100 }));
    last().event(10, next(a, { status: 'completed', progress: 100 }, 200));
    await flush();
    expect(seen).toEqual(['a:pending', 'b:completed', 'a:completed']);
    expect(server.streams()).toHaveLength(1);
    expect(client.stats).toMatchObject({ streamConnects: 1, reconnects: 0 });
    // b was created while the stream was open, so the stream covers it: no read for it.
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [a.id] }]);
    client.dispose();
  });

  it('replaces a stream that sends nothing for heartbeatTimeoutMs', async () => {
    const { server, last, streams, created } = streamingServer();
    created(makeJob());
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch, heartbeatTimeoutMs: 1000 });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(900);
    last().write(': heartbeat\n\n');
    await flush();
    await jest.advanceTimersByTimeAsync(900);
    expect(server.streams()[0]!.signal.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(server.streams()[0]!.signal.aborted).toBe(true);
    await jest.advanceTimersByTimeAsync(300);
    expect(streams).toHaveLength(2);
    client.dispose();
  });

  it('falls back to polling after two failed attempts, keeps every job, and comes back when the stream works', async () => {
    const { server, refuse, created, last } = streamingServer();
    const job = makeJob({ pollAfterMs: 60_000 });
    created(job);
    const changes: TransportChange[] = [];
    const client = new HeyGenAPI({ url, fetch: server.fetch });
    client.on('transport', (change) => changes.push(change));
    refuse(() => json({ type: 'urn:heygen-mock:problem:internal' }, 502));
    const done = client.waitForJob((await client.createJob()).id);
    await jest.advanceTimersByTimeAsync(1000);
    expect(client.transport).toBe('POLL');
    expect(changes).toEqual([
      { from: null, to: 'SSE', reason: 'initial' },
      { from: 'SSE', to: 'POLL', reason: 'fallback: HTTP 502' },
    ]);
    expect(client.stats).toMatchObject({ fallbacks: 1, streamConnects: 2 });
    // Probes go on in the background, with the slower probe backoff.
    await jest.advanceTimersByTimeAsync(1500);
    const probes = server.streams().length;
    refuse(undefined);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(server.streams().length).toBeGreaterThan(probes);
    expect(client.transport).toBe('SSE');
    expect(changes[2]).toEqual({ from: 'POLL', to: 'SSE', reason: 'recovered' });
    expect(client.stats.recoveries).toBe(1);
    // The job is still watched: its completion arrives on the recovered stream.
    last().event(3, next(job, { status: 'completed', progress: 100 }));
    await expect(done).resolves.toMatchObject({ id: job.id, status: 'completed' });
    client.dispose();
  });

  it('reads a job it knows nothing about once, and fails its waiters when the server does not know it', async () => {
    const { server } = streamingServer();
    const unknown = '00000000-0000-4000-8000-999999999999';
    server.routes.batch = (ids) => batchOf([], ids);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    const waiting = client.waitForJob(unknown).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(0);
    expect(await waiting).toMatchObject({ code: 'ERR_JOB_NOT_FOUND', jobId: unknown });
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [unknown] }]);
    client.dispose();
  });

  it('on changeBackend to SSE while probing, connects at once instead of after the probe backoff', async () => {
    const { server, refuse, created } = streamingServer();
    created(makeJob());
    const client = new HeyGenAPI({ url, fetch: server.fetch, probeMinMs: 60_000, probeMaxMs: 60_000 });
    refuse(() => json({}, 502));
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(1000);
    expect(client.transport).toBe('POLL');
    const attempts = server.streams().length;
    refuse(undefined);
    client.changeBackend('SSE');
    await jest.advanceTimersByTimeAsync(0);
    expect(server.streams()).toHaveLength(attempts + 1);
    expect(client.transport).toBe('SSE');
    client.dispose();
  });

  it('falls back at once when the stream is refused with a 4xx', async () => {
    const { server, refuse } = streamingServer();
    const client = new HeyGenAPI({ url, fetch: server.fetch });
    refuse(() => json({ type: 'urn:heygen-mock:problem:validation' }, 400));
    client.listen(makeJob().id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    await flush();
    expect(client.transport).toBe('POLL');
    expect(server.streams()).toHaveLength(1);
    client.dispose();
  });

  it('without fallback keeps reconnecting, and fails the jobs only on a 4xx', async () => {
    const { server, refuse, created } = streamingServer();
    created(makeJob());
    const client = new HeyGenAPI({ url, mode: 'SSE', fallback: false, fetch: server.fetch });
    refuse(() => json({}, 503));
    const waiting = client.waitForJob((await client.createJob()).id).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(client.transport).toBe('SSE');
    expect(server.streams().length).toBeGreaterThan(3);
    refuse(() => json({ type: 'urn:heygen-mock:problem:unauthorized' }, 401));
    await jest.advanceTimersByTimeAsync(20_000);
    expect(await waiting).toMatchObject({ code: 'ERR_HTTP', status: 401 });
    client.dispose();
  });
});
