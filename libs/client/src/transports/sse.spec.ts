import type { Job } from '@heygen-mock/contracts';
import { HeyGenAPI } from '../heygen-api.js';
import type { TransportChange } from '../heygen-api.js';
import { fakeStream, json, type FakeStream, type SeenRequest } from '../testing/fake-fetch.js';
import { batchOf, fakeServer } from '../testing/fake-server.js';
import { flush, useFakeTime } from '../testing/flush.js';
import { quiet } from '../testing/quiet-logger.js';
import { makeJob } from '../testing/job.js';

const url = 'http://api.test';

/** A server whose stream requests the test answers: open a stream, or refuse. */
function streamingServer() {
  const streams: FakeStream[] = [];
  let refuse: (() => Response) | undefined;
  const server = fakeServer({
    stream: (request: SeenRequest) => {
      if (refuse) return refuse();
      const stream = fakeStream(request.signal);
      streams.push(stream);
      return stream.response;
    },
    batch: (ids) => batchOf(ids.map((id) => makeJob({ id, status: 'completed' }))),
  });
  return {
    server,
    streams,
    /** Jobs a client creates are known to it; `created` queues them for `POST /create`. */
    created: (...jobs: Job[]) => void server.routes.created.push(...jobs),
    last: () => streams[streams.length - 1]!,
    refuse: (answer?: () => Response) => void (refuse = answer),
  };
}

const next = (job: Job, changes: Partial<Job>, ms = 100): Job => ({
  ...job,
  updatedAt: new Date(Date.parse(job.updatedAt) + ms).toISOString(),
  ...changes,
});

describe('SSE transport', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it('opens one stream for the watched jobs, with the key in a header and never in the URL', async () => {
    const { server } = streamingServer();
    const [a, b] = [makeJob(), makeJob()];
    server.routes.created.push(a, b);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    await client.createJob();
    await client.createJob();
    client.listen(a.id, () => undefined);
    client.listen(b.id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    const [stream] = server.streams();
    expect(server.streams()).toHaveLength(1);
    expect(stream!.url.searchParams.get('ids')).toBe(`${a.id},${b.id}`);
    expect(stream!.headers.get('authorization')).toBe(`Bearer ${client.apiKey}`);
    expect(stream!.url.href).not.toContain(client.apiKey);
    expect(stream!.headers.get('last-event-id')).toBeNull();
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

  it('reconnects after a loss with backoff and Last-Event-ID', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { server, last, streams, created } = streamingServer();
    const job = makeJob();
    created(job);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    last().event(41, next(job, { progress: 10 }));
    await flush();
    last().end();
    await flush();
    await jest.advanceTimersByTimeAsync(240);
    expect(streams).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(20);
    expect(streams).toHaveLength(2);
    expect(server.streams()[1]!.headers.get('last-event-id')).toBe('41');
    expect(client.stats).toMatchObject({ streamConnects: 2, reconnects: 1 });
    expect(client.transport).toBe('SSE');
    client.dispose();
  });

  it('reconnects without Last-Event-ID when a newly watched job needs a snapshot', async () => {
    const { server, last, created } = streamingServer();
    const [a, b] = [makeJob(), makeJob()];
    created(a, b);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    last().event(7, next(a, { progress: 10 }));
    await flush();
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    const [first, second] = server.streams();
    expect(first!.signal.aborted).toBe(true);
    expect(second!.url.searchParams.get('ids')).toBe(`${a.id},${b.id}`);
    expect(second!.headers.get('last-event-id')).toBeNull();
    expect(client.stats.reconnects).toBe(0);
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
    const { server, refuse } = streamingServer();
    const job = makeJob();
    server.routes.created.push(job);
    server.routes.batch = (ids) => batchOf(ids.map((id) => ({ ...job, id, pollAfterMs: 60_000 })));
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
    const stream = server.streams().at(-1)!;
    expect(stream.url.searchParams.get('ids')).toBe(job.id);
    void done;
    client.dispose();
    await expect(done).rejects.toMatchObject({ code: 'ERR_DISPOSED' });
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
