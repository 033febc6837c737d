import type { Job } from '@heygen-mock/contracts';
import { HeyGenAPI } from '../heygen-api.js';
import { json } from '../testing/fake-fetch.js';
import { flush, useFakeTime } from '../testing/flush.js';
import { makeJob, nextState as next } from '../testing/job.js';
import { streamingServer } from '../testing/streaming-server.js';

const url = 'http://api.test';

/** Records the terminal states a listener receives. */
function terminals(client: HeyGenAPI, id: string): Job[] {
  const seen: Job[] = [];
  client.listen(id, (job) => job.status != 'pending' && seen.push(job));
  return seen;
}

describe('SSE transport reconciliation', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it('delivers once a completion that happened while the stream was down, when the reconnect only gets a snapshot', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { server, last, created, set } = streamingServer();
    const [job, other] = [makeJob(), makeJob()];
    created(job);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    const seen = terminals(client, (await client.createJob()).id);
    await jest.advanceTimersByTimeAsync(0);
    last().event(5, next(job, { progress: 40 }));
    await flush();
    last().end();
    const done = next(job, { status: 'completed', progress: 100 }, 500);
    set(done);
    await jest.advanceTimersByTimeAsync(250);
    expect(server.streams()).toHaveLength(2);
    expect(server.streams()[1]!.headers.get('last-event-id')).toBe('5');
    // The log no longer reaches back: the server sends its snapshot, the pending jobs only.
    last().event(90, other);
    await flush();
    expect(seen).toEqual([done]);
    // A copy arriving later (a replay, a late event) is not delivered again.
    last().event(91, done);
    await flush();
    expect(seen).toEqual([done]);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [job.id] }, { ids: [job.id] }]);
    expect(client.stats).toMatchObject({ streamConnects: 2, reconnects: 1 });
    client.dispose();
  });

  it('reads many jobs watched at once in chunks of 1000 after one open', async () => {
    const { server, set } = streamingServer();
    const jobs = Array.from({ length: 1200 }, () => makeJob());
    set(...jobs);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    for (const job of jobs) client.listen(job.id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    await flush();
    expect(server.streams()).toHaveLength(1);
    expect(server.batches().map((r) => (r.body as { ids: string[] }).ids.length)).toEqual([1000, 200]);
    client.dispose();
  });

  it('reads a job watched while the stream is open only when its last known state predates the connection', async () => {
    const { server, created, set } = streamingServer();
    const [before, first, after] = [makeJob(), makeJob(), makeJob()];
    const unknown = '00000000-0000-4000-8000-999999999999';
    created(before, first, after);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    await client.createJob();
    await jest.advanceTimersByTimeAsync(1000);
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(1000);
    client.listen((await client.createJob()).id, () => undefined);
    // `before` finished while no stream was open; the client only knows its pending state.
    const done = next(before, { status: 'completed', progress: 100 }, 500);
    set(done);
    const seen = terminals(client, before.id);
    const missing = client.waitForJob(unknown).catch((e: unknown) => e);
    await flush();
    expect(seen).toEqual([done]);
    expect(await missing).toMatchObject({ code: 'ERR_JOB_NOT_FOUND', jobId: unknown });
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [first.id] }, { ids: [before.id, unknown] }]);
    expect(server.streams()).toHaveLength(1);
    client.dispose();
  });

  it('reads a job created while the stream was connecting, as the stream may have subscribed after it finished', async () => {
    const { server, created, set, hold } = streamingServer();
    const [first, quick] = [makeJob(), makeJob()];
    created(first, quick);
    let slowCreate = false;
    let answer!: () => void;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      if (slowCreate && response.status == 201) await gate;
      return response;
    };
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch });
    client.listen((await client.createJob()).id, () => undefined);
    const release = hold();
    await jest.advanceTimersByTimeAsync(0);
    // The create leaves before the stream opens, the job finishes before the server subscribes
    // the stream, and the create's answer arrives after the open.
    slowCreate = true;
    const creating = client.createJob();
    await jest.advanceTimersByTimeAsync(10);
    set(next(quick, { status: 'completed', progress: 100 }));
    release();
    await flush();
    answer();
    const seen = terminals(client, (await creating).id);
    await flush();
    expect(seen).toMatchObject([{ id: quick.id, status: 'completed' }]);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [first.id] }, { ids: [quick.id] }]);
    client.dispose();
  });

  it('treats a failed read after the open as a failed connection, and reads again on the next one', async () => {
    const { server, created } = streamingServer();
    const job = makeJob();
    created(job);
    const answer = server.routes.batch;
    server.routes.batch = () => json({ type: 'urn:heygen-mock:problem:internal' }, 503);
    const client = new HeyGenAPI({ url, mode: 'SSE', fetch: server.fetch });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    await flush();
    expect(server.streams()[0]!.signal.aborted).toBe(true);
    server.routes.batch = answer;
    await jest.advanceTimersByTimeAsync(300);
    await flush();
    expect(server.streams()).toHaveLength(2);
    expect(server.streams()[1]!.signal.aborted).toBe(false);
    expect(server.batches()).toHaveLength(2);
    expect(client.transport).toBe('SSE');
    client.dispose();
  });
});
