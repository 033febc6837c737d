import { HeyGenAPI } from '../heygen-api.js';
import type { SeenRequest } from '../testing/fake-fetch.js';
import { batchOf, fakeServer } from '../testing/fake-server.js';
import { flush, useFakeTime } from '../testing/flush.js';
import { makeJob } from '../testing/job.js';

const url = 'http://api.test';

/** Ids of `n` jobs the fake server answers as pending. */
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);

/** A server that holds each batch read until the test answers it (or the request is aborted). */
function holdingServer() {
  const held: { ids: string[]; request: SeenRequest; answer: (response: Response) => void }[] = [];
  const server = fakeServer({
    batch: (ids, request) =>
      new Promise<Response>((answer, fail) => {
        held.push({ ids, request, answer });
        request.signal.addEventListener('abort', () => fail(request.signal.reason));
      }),
  });
  return { server, held };
}

describe('long-polling transport', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it('holds a batch read with waitMs and re-issues it as soon as it is answered', async () => {
    const { server, held } = holdingServer();
    const job = makeJob();
    server.routes.created.push(job);
    const client = new HeyGenAPI({ url, mode: 'LONG_POLL', fetch: server.fetch, longPollWaitMs: 20_000 });
    const steps: string[] = [];
    client.listen((await client.createJob()).id, (j) => steps.push(`${j.status}:${j.progress}`));
    await jest.advanceTimersByTimeAsync(0);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [job.id], waitMs: 20_000 }]);
    held[0]!.answer(batchOf([{ ...job, progress: 50, updatedAt: new Date(Date.now() + 1).toISOString() }]));
    await flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(server.batches()).toHaveLength(2);
    held[1]!.answer(batchOf([{ ...job, status: 'completed', progress: 100, updatedAt: new Date(Date.now() + 2).toISOString() }]));
    await flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(steps).toEqual(['pending:50', 'completed:100']);
    // Nothing left to watch: no further request.
    expect(server.batches()).toHaveLength(2);
    client.dispose();
  });

  it('cuts a held read short to include a newly watched job', async () => {
    const { server, held } = holdingServer();
    const [a, b] = [makeJob(), makeJob()];
    server.routes.created.push(a, b);
    const client = new HeyGenAPI({ url, mode: 'LONG_POLL', fetch: server.fetch });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    client.listen((await client.createJob()).id, () => undefined);
    await flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(held[0]!.request.signal.aborted).toBe(true);
    expect(held.map((h) => h.ids)).toEqual([[a.id], [a.id, b.id]]);
    client.dispose();
    expect(held[1]!.request.signal.aborted).toBe(true);
  });

  it('holds the requests of more than 1000 jobs side by side, and re-issues each as soon as it answers', async () => {
    const { server, held } = holdingServer();
    const client = new HeyGenAPI({ url, mode: 'LONG_POLL', fetch: server.fetch });
    for (const id of ids(2500)) client.listen(id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    expect(held.map((h) => h.ids.length)).toEqual([1000, 1000, 500]);
    held[1]!.answer(batchOf(held[1]!.ids.map((id) => makeJob({ id }))));
    await flush();
    expect(held.map((h) => h.ids.length)).toEqual([1000, 1000, 500, 1000]);
    expect(held[3]!.ids).toEqual(held[1]!.ids);
    // The others stay held.
    expect([0, 2, 3].map((i) => held[i]!.request.signal.aborted)).toEqual([false, false, false]);
    client.dispose();
  });

  it('holds at most 10 requests; the jobs beyond them go first into the next one', async () => {
    const { server, held } = holdingServer();
    const client = new HeyGenAPI({ url, mode: 'LONG_POLL', fetch: server.fetch });
    const all = ids(10_500);
    for (const id of all) client.listen(id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    expect(held.map((h) => h.ids.length)).toEqual(Array(10).fill(1000));
    held[0]!.answer(batchOf(held[0]!.ids.map((id) => makeJob({ id }))));
    await flush();
    expect(held).toHaveLength(11);
    expect(held[10]!.ids).toEqual([...all.slice(10_000), ...all.slice(0, 500)]);
    client.dispose();
  });

  it('cuts short the smallest held request with room for a newly watched job, and no other', async () => {
    const { server, held } = holdingServer();
    const client = new HeyGenAPI({ url, mode: 'LONG_POLL', fetch: server.fetch });
    const all = ids(1202);
    for (const id of all.slice(0, 1200)) client.listen(id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    client.listen(all[1200]!, () => undefined);
    client.listen(all[1201]!, () => undefined);
    await flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(held.map((h) => [h.ids.length, h.request.signal.aborted])).toEqual([
      [1000, false],
      [200, true],
      [202, false],
    ]);
    client.dispose();
  });

  it('allows the hold time in the request timeout', async () => {
    const { server, held } = holdingServer();
    server.routes.created.push(makeJob());
    const client = new HeyGenAPI({ url, mode: 'LONG_POLL', fetch: server.fetch, longPollWaitMs: 20_000, requestTimeoutMs: 5000 });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(24_000);
    expect(held[0]!.request.signal.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(2000);
    expect(held[0]!.request.signal.aborted).toBe(true);
    client.dispose();
  });
});
