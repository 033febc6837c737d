import type { Job } from '@heygen-mock/contracts';
import { EventSource } from 'eventsource';
import { isHeyGenError } from './errors/heygen-error.js';
import { HeyGenAPI, type RequestEvent, type TransportChange } from './heygen-api.js';
import { HeyGenStatusListenerMode } from './mode.js';
import { fakeStream, type FakeStream } from './testing/fake-fetch.js';
import { batchOf, fakeServer } from './testing/fake-server.js';
import { flush, useFakeTime } from './testing/flush.js';
import { makeJob } from './testing/job.js';

const url = 'http://api.test';

const next = (job: Job, changes: Partial<Job>, ms = 100): Job => ({
  ...job,
  updatedAt: new Date(Date.parse(job.updatedAt) + ms).toISOString(),
  ...changes,
});

/** A client over a fake server that streams; `streams` are the open fake streams. */
function streaming(options: Partial<ConstructorParameters<typeof HeyGenAPI>[0]> = {}) {
  const streams: FakeStream[] = [];
  const server = fakeServer({
    stream: (request) => {
      const stream = fakeStream(request.signal);
      streams.push(stream);
      return stream.response;
    },
  });
  const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch, ...options });
  /** Makes the job known to the client the usual way: by creating it. */
  const create = async (job: Job): Promise<Job> => {
    server.routes.created.push(job);
    return client.createJob();
  };
  return { server, client, streams, create, last: () => streams[streams.length - 1]! };
}

describe('HeyGenAPI', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it('validates its options at construction', () => {
    expect(() => new HeyGenAPI({ url: 'nope' })).toThrow('Expected `url` to be an http(s) URL.');
    // @ts-expect-error: not a mode
    expect(() => new HeyGenAPI({ url, mode: 'FAST' })).toThrow(/^Expected `mode` to be AUTO, SSE, POLL or LONG_POLL/);
  });

  it('exposes its key, generated or given, and sends it with every request', async () => {
    const server = fakeServer();
    expect(new HeyGenAPI({ url }).apiKey).toMatch(/^[0-9a-f-]{36}$/);
    const client = new HeyGenAPI({ url, apiKey: 'resumed-key-0123456789', fetch: server.fetch });
    await client.createJob({ durationMs: 500 });
    expect(client.apiKey).toBe('resumed-key-0123456789');
    expect(server.fetch.requests[0]!.headers.get('authorization')).toBe('Bearer resumed-key-0123456789');
    expect(server.fetch.requests[0]!.body).toEqual({ durationMs: 500 });
    client.dispose();
  });

  it('resolves waitForJob with the completed job and reports progress on the way', async () => {
    const { client, create, last } = streaming();
    const job = await create(makeJob());
    const progress: number[] = [];
    const done = client.waitForJob(job.id, { onProgress: (j) => progress.push(j.progress) });
    await jest.advanceTimersByTimeAsync(0);
    last().event(1, next(job, { progress: 30 }));
    last().event(2, next(job, { status: 'completed', progress: 100 }, 200));
    await expect(done).resolves.toMatchObject({ id: job.id, status: 'completed' });
    expect(progress).toEqual([30]);
    client.dispose();
  });

  it('rejects waitForJob with JobFailedError, carrying the job, when the job fails', async () => {
    const { client, last } = streaming();
    const job = makeJob();
    const done = client.waitForJob(job.id).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(0);
    last().event(1, next(job, { status: 'error', error: { code: 'simulated-failure', message: 'boom' } }));
    const error = await done;
    expect(isHeyGenError(error, 'ERR_JOB_FAILED')).toBe(true);
    expect(error).toMatchObject({ jobId: job.id, job: { status: 'error' } });
    client.dispose();
  });

  it('rejects waitForJob with TimeoutError and AbortError, and cleans up after itself', async () => {
    const { client } = streaming();
    const job = makeJob();
    const timedOut = client.waitForJob(job.id, { timeoutMs: 5000 }).catch((e: unknown) => e);
    const controller = new AbortController();
    const aborted = client.waitForJob(job.id, { signal: controller.signal }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(5000);
    expect(await timedOut).toMatchObject({ code: 'ERR_TIMEOUT', jobId: job.id });
    const reason = new Error('user left');
    controller.abort(reason);
    expect(await aborted).toMatchObject({ code: 'ERR_ABORTED', cause: reason });
    const again = await client.waitForJob(job.id, { signal: controller.signal }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'ERR_ABORTED' });
    // No waiter is left, so nothing is watched and the stream is closed.
    await flush();
    expect(jest.getTimerCount()).toBe(0);
    client.dispose();
  });

  it('iterates over the states of a job with watch and stops after the terminal one', async () => {
    const { client, create, last } = streaming();
    const job = await create(makeJob());
    const states: string[] = [];
    const iterating = (async () => {
      for await (const j of client.watch(job.id)) states.push(`${j.status}:${j.progress}`);
    })();
    await jest.advanceTimersByTimeAsync(0);
    last().event(1, next(job, { progress: 20 }));
    last().event(2, next(job, { progress: 20 }, 150));
    last().event(3, next(job, { progress: 70 }, 200));
    last().event(4, next(job, { status: 'error', progress: 70 }, 300));
    await iterating;
    expect(states).toEqual(['pending:20', 'pending:70', 'error:70']);
    client.dispose();
  });

  it('ends watch with an AbortError when its signal aborts', async () => {
    const { client, create } = streaming();
    const job = await create(makeJob());
    const controller = new AbortController();
    const iterating = (async () => {
      for await (const state of client.watch(job.id, { signal: controller.signal })) void state;
    })().catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(await iterating).toMatchObject({ code: 'ERR_ABORTED', jobId: job.id });
    client.dispose();
  });

  it('polls in AUTO mode where fetch cannot stream, and refuses SSE there', () => {
    const global = globalThis as { ReadableStream?: unknown };
    const before = global.ReadableStream;
    global.ReadableStream = undefined;
    try {
      const client = new HeyGenAPI({ url });
      expect(client.transport).toBe('POLL');
      expect(() => client.changeBackend('SSE')).toThrow(TypeError);
      expect(() => new HeyGenAPI({ url, mode: 'SSE' })).toThrow(/`mode`/);
      client.dispose();
    } finally {
      global.ReadableStream = before;
    }
  });

  it('calls listen callbacks per change and the terminal state once; stop removes them', async () => {
    const { client, create, last } = streaming();
    const [a, b] = [await create(makeJob()), await create(makeJob())];
    const seenA: number[] = [];
    const seenB: number[] = [];
    client.listen(a.id, (j) => seenA.push(j.progress));
    client.listen(b.id, (j) => seenB.push(j.progress));
    await jest.advanceTimersByTimeAsync(0);
    last().event(1, next(a, { progress: 10 }));
    last().event(2, next(b, { progress: 10 }));
    await flush();
    client.stop(b.id);
    expect(() => client.stop(b.id)).toThrow(expect.objectContaining({ name: 'ListenerNotFoundError', code: 'ERR_LISTENER_NOT_FOUND' }));
    last().event(3, next(b, { progress: 90 }, 300));
    last().event(4, next(a, { status: 'completed', progress: 100 }, 300));
    last().event(5, next(a, { status: 'completed', progress: 100 }, 300));
    await flush();
    expect(seenA).toEqual([10, 100]);
    expect(seenB).toEqual([10]);
    expect(() => client.stop(a.id)).toThrow(expect.objectContaining({ code: 'ERR_LISTENER_NOT_FOUND' }));
    client.dispose();
  });

  it('announces requests, jobs and transport switches, and counts them', async () => {
    const server = fakeServer({ batch: (ids) => batchOf(ids.map((id) => makeJob({ id, status: 'completed' }))) });
    const job = makeJob({ pollAfterMs: 10 });
    server.routes.created.push(job);
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    const requests: RequestEvent[] = [];
    const jobs: string[] = [];
    const changes: TransportChange[] = [];
    client.on('request', (e) => requests.push(e));
    const off = client.on('job', (j) => jobs.push(j.status));
    client.on('transport', (e) => changes.push(e));
    client.on('job', () => {
      throw new Error('a handler bug does not stop the client');
    });
    const done = client.waitForJob((await client.createJob()).id);
    await jest.advanceTimersByTimeAsync(100);
    await done;
    expect(requests).toEqual([
      { kind: 'create', ids: [] },
      { kind: 'batch', ids: [job.id] },
    ]);
    expect(jobs).toEqual(['pending', 'completed']);
    off();
    client.changeBackend(HeyGenStatusListenerMode.LONG_POLL);
    expect(changes).toEqual([
      { from: null, to: 'POLL', reason: 'initial' },
      { from: 'POLL', to: 'LONG_POLL', reason: 'changeBackend' },
    ]);
    expect(client.transport).toBe('LONG_POLL');
    expect(client.stats).toEqual({
      requests: 2,
      statusRequests: 1,
      createRequests: 1,
      streamConnects: 0,
      reconnects: 0,
      fallbacks: 0,
      recoveries: 0,
      eventsReceived: 0,
    });
    client.dispose();
  });

  it('moves every listener to another transport on changeBackend without losing them', async () => {
    const { client, create, server, last } = streaming();
    const job = await create(makeJob());
    const states: string[] = [];
    client.listen(job.id, (j) => states.push(j.status));
    await jest.advanceTimersByTimeAsync(0);
    last().event(1, next(job, { progress: 50, pollAfterMs: 400 }));
    await flush();
    // The stream's own read after it opened.
    expect(server.batches()).toHaveLength(1);
    server.routes.batch = (ids) => batchOf(ids.map((id) => next(job, { id, status: 'completed', progress: 100 }, 500)));
    client.changeBackend('POLL');
    expect(server.streams()[0]!.signal.aborted).toBe(true);
    await jest.advanceTimersByTimeAsync(300);
    expect(server.batches()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(states).toEqual(['pending', 'completed']);
    client.dispose();
  });

  it('streams through an injected EventSource class, which gets the key through its fetch', async () => {
    const { client, server, last } = streaming({ EventSource, heartbeatTimeoutMs: 1000 });
    const job = makeJob();
    const done = client.waitForJob(job.id);
    await jest.advanceTimersByTimeAsync(0);
    await flush();
    expect(server.streams()[0]!.headers.get('authorization')).toBe(`Bearer ${client.apiKey}`);
    // Heartbeat comments reach no EventSource listener but still keep the connection alive.
    await jest.advanceTimersByTimeAsync(900);
    last().write(': heartbeat\n\n');
    await flush();
    await jest.advanceTimersByTimeAsync(900);
    expect(server.streams()).toHaveLength(1);
    last().event(9, next(job, { status: 'completed', progress: 100 }));
    await expect(done).resolves.toMatchObject({ status: 'completed' });
    client.dispose();
  });

  it('uses a global EventSource installed by the application, but not a native one', async () => {
    const global = globalThis as { EventSource?: unknown };
    const before = global.EventSource;
    try {
      const constructed = jest.fn();
      global.EventSource = class extends EventSource {
        constructor(...args: ConstructorParameters<typeof EventSource>) {
          super(...args);
          constructed();
        }
      };
      const { client } = streaming();
      client.listen(makeJob().id, () => undefined);
      await jest.advanceTimersByTimeAsync(0);
      expect(constructed).toHaveBeenCalledTimes(1);
      client.dispose();

      const native = jest.fn();
      global.EventSource = Object.assign(native, { toString: () => 'function EventSource() { [native code] }' });
      const { client: second, server } = streaming();
      second.listen(makeJob().id, () => undefined);
      await jest.advanceTimersByTimeAsync(0);
      expect(native).not.toHaveBeenCalled();
      expect(server.streams()).toHaveLength(1);
      second.dispose();
    } finally {
      global.EventSource = before;
    }
  });

  it('on dispose rejects pending waits with DisposedError and leaves no timer or connection', async () => {
    const { client, server } = streaming({ heartbeatTimeoutMs: 1000 });
    const job = makeJob();
    const waiting = client.waitForJob(job.id, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    const iterating = (async () => {
      for await (const state of client.watch(job.id)) void state;
    })().catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(0);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    client[Symbol.dispose]();
    expect(await waiting).toMatchObject({ code: 'ERR_DISPOSED', name: 'DisposedError' });
    expect(await iterating).toMatchObject({ code: 'ERR_DISPOSED' });
    expect(server.streams()[0]!.signal.aborted).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
    await expect(client.createJob()).rejects.toMatchObject({ code: 'ERR_DISPOSED' });
    expect(() => client.listen(job.id, () => undefined)).toThrow(expect.objectContaining({ code: 'ERR_DISPOSED' }));
    client.dispose();
    await client[Symbol.asyncDispose]();
  });

  it('aborts a create in flight when disposed', async () => {
    const server = fakeServer();
    server.routes.created = [];
    const client = new HeyGenAPI({
      url,
      mode: 'POLL',
      fetch: (input, init) =>
        new Promise((_, reject) => {
          const signal = init?.signal ?? (input as Request).signal;
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    const creating = client.createJob().catch((e: unknown) => e);
    client.dispose();
    expect(await creating).toMatchObject({ code: 'ERR_DISPOSED' });
  });
});
