import { HeyGenAPI } from '../heygen-api.js';
import type { SeenRequest } from '../testing/fake-fetch.js';
import { batchOf, fakeServer } from '../testing/fake-server.js';
import { flush, useFakeTime } from '../testing/flush.js';
import { makeJob } from '../testing/job.js';

const url = 'http://api.test';

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
