import { HeyGenAPI } from '../heygen-api.js';
import { isHeyGenError } from '../errors/heygen-error.js';
import { json } from '../testing/fake-fetch.js';
import { batchOf, fakeServer } from '../testing/fake-server.js';
import { flush, useFakeTime } from '../testing/flush.js';
import { quiet } from '../testing/quiet-logger.js';
import { makeJob } from '../testing/job.js';

const url = 'http://api.test';

describe('polling transport', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it('waits for the hint of the create response before the first read', async () => {
    const job = makeJob({ pollAfterMs: 1000 });
    const server = fakeServer({ created: [job], batch: () => batchOf([{ ...job, status: 'completed', progress: 100 }]) });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    const done = client.waitForJob((await client.createJob()).id);
    await jest.advanceTimersByTimeAsync(990);
    expect(server.batches()).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(100);
    expect(server.batches()).toHaveLength(1);
    await expect(done).resolves.toMatchObject({ id: job.id, status: 'completed' });
    expect(client.stats).toMatchObject({ createRequests: 1, statusRequests: 1, requests: 2 });
    client.dispose();
  });

  it('reads only the due jobs, jobs due close together in one request', async () => {
    const [a, b, c] = [makeJob({ pollAfterMs: 1000 }), makeJob({ pollAfterMs: 1030 }), makeJob({ pollAfterMs: 5000 })];
    const server = fakeServer({ created: [a, b, c] });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    for (let i = 0; i < 3; i++) client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(1100);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [a.id, b.id] }]);
    await jest.advanceTimersByTimeAsync(4000);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [a.id, b.id] }, { ids: [c.id] }]);
    client.dispose();
  });

  it('follows the hint of each answer', async () => {
    const job = makeJob({ pollAfterMs: 0 });
    const at: number[] = [];
    const t0 = Date.now();
    const server = fakeServer({
      created: [job],
      batch: () => {
        at.push(Date.now() - t0);
        return batchOf([{ ...job, pollAfterMs: 700 }]);
      },
    });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(2000);
    // Each read comes 700 ms (the hint) plus a small slack after the previous answer.
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(700);
    for (const gap of gaps) expect(gap).toBeLessThan(800);
    client.dispose();
  });

  it('backs off exponentially from pollInterval when the server gives no hint', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const job = makeJob({ pollAfterMs: null });
    const at: number[] = [];
    const t0 = Date.now();
    const server = fakeServer({
      created: [job],
      batch: () => {
        at.push(Date.now() - t0);
        return batchOf([job]);
      },
    });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch, pollInterval: 100, pollMaxInterval: 400 });
    client.listen((await client.createJob()).id, () => undefined);
    await jest.advanceTimersByTimeAsync(2000);
    // First read after pollInterval, then doubling up to the cap (top of the jitter range).
    expect(Math.round(at[0]!)).toBe(100);
    const gaps = at.slice(1).map((t, i) => Math.round(t - at[i]!));
    expect(gaps.slice(0, 4)).toEqual([200, 400, 400, 400]);
    client.dispose();
  });

  it('never sends a round while the previous one is in flight', async () => {
    const [a, b] = [makeJob({ pollAfterMs: 0 }), makeJob({ pollAfterMs: 500 })];
    let release!: () => void;
    const server = fakeServer({
      created: [a, b],
      batch: async (ids) => {
        if (ids.includes(a.id)) await new Promise<void>((resolve) => (release = resolve));
        return batchOf(ids.map((id) => makeJob({ id, status: 'completed' })));
      },
    });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    const waits = [client.waitForJob((await client.createJob()).id), client.waitForJob((await client.createJob()).id)];
    await jest.advanceTimersByTimeAsync(2000);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [a.id] }]);
    release();
    await flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(server.batches().map((r) => r.body)).toEqual([{ ids: [a.id] }, { ids: [b.id] }]);
    await Promise.all(waits);
    client.dispose();
  });

  it('retries 5xx, 429 and network errors with backoff, waiting at least Retry-After', async () => {
    const job = makeJob({ pollAfterMs: 0 });
    const answers = [
      () => json({ type: 'urn:heygen-mock:problem:internal' }, 503, { 'retry-after': '5' }),
      () => Promise.reject(new TypeError('fetch failed')),
      () => json({}, 429),
      () => batchOf([{ ...job, status: 'completed' }]),
    ];
    const at: number[] = [];
    const t0 = Date.now();
    const server = fakeServer({
      created: [job],
      batch: () => {
        at.push(Date.now() - t0);
        return answers.shift()!();
      },
    });
    const warn = jest.fn();
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch, logger: { ...quiet, warn } });
    const done = client.waitForJob((await client.createJob()).id);
    await jest.advanceTimersByTimeAsync(20_000);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
    expect(at).toHaveLength(4);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(5000);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1000);
    expect(at[3]! - at[2]!).toBeGreaterThanOrEqual(2000);
    expect(warn).toHaveBeenCalledTimes(3);
    client.dispose();
  });

  it('fails fast with an HttpError on any other 4xx, without reporting it as a job failure', async () => {
    const job = makeJob({ pollAfterMs: 0 });
    const server = fakeServer({ created: [job], batch: () => json({ type: 'urn:heygen-mock:problem:unauthorized', detail: 'bad key' }, 401) });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    const done = client.waitForJob((await client.createJob()).id);
    const caught = done.catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(100);
    const error = await caught;
    expect(isHeyGenError(error, 'ERR_HTTP')).toBe(true);
    expect(error).toMatchObject({ status: 401, problem: { detail: 'bad key' } });
    expect(isHeyGenError(error, 'ERR_JOB_FAILED')).toBe(false);
    expect(server.batches()).toHaveLength(1);
    client.dispose();
  });

  it('rejects the waiters of an unknown job and keeps polling the others', async () => {
    const known = makeJob({ pollAfterMs: 0 });
    const unknownId = '00000000-0000-4000-8000-999999999999';
    let done = false;
    const server = fakeServer({
      created: [known],
      batch: (ids) =>
        batchOf(
          ids.filter((id) => id == known.id).map((id) => ({ ...known, id, ...(done ? { status: 'completed' as const } : {}) })),
          ids.filter((id) => id == unknownId),
        ),
    });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    const lost = client.waitForJob(unknownId).catch((e: unknown) => e);
    const kept = client.waitForJob((await client.createJob()).id);
    await jest.advanceTimersByTimeAsync(100);
    const error = await lost;
    expect(isHeyGenError(error, 'ERR_JOB_NOT_FOUND')).toBe(true);
    expect(error).toMatchObject({ jobId: unknownId });
    done = true;
    await jest.advanceTimersByTimeAsync(2000);
    await expect(kept).resolves.toMatchObject({ status: 'completed' });
    client.dispose();
  });

  it('splits a round of more than 1000 jobs into requests sent one after another', async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    let inFlight = 0;
    let most = 0;
    const server = fakeServer({
      batch: async (list) => {
        most = Math.max(most, ++inFlight);
        await flush(2);
        inFlight--;
        return batchOf(list.map((id) => makeJob({ id, pollAfterMs: 60_000 })));
      },
    });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    for (const id of ids) client.listen(id, () => undefined);
    await jest.advanceTimersByTimeAsync(0);
    await flush(40);
    expect(server.batches().map((r) => (r.body as { ids: string[] }).ids.length)).toEqual([1000, 500]);
    expect(most).toBe(1);
    client.dispose();
  });

  it('watches 130,000 jobs and reads them all, where a spread of every due time overflowed the stack', async () => {
    const jobs = 130_000;
    const server = fakeServer({ batch: (list) => batchOf(list.map((id) => makeJob({ id, pollAfterMs: 60_000 }))) });
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: server.fetch });
    for (let i = 0; i < jobs; i++) {
      client.listen(`00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, () => undefined);
      // Lets the test's timeout end a run whose watches cost time in proportion to the watch set.
      if (i % 10_000 == 0) await flush(1);
    }
    await jest.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 100_000 && server.batches().length < jobs / 1000; i++) await flush(1);
    await flush();
    const read = new Set(server.batches().flatMap((r) => (r.body as { ids: string[] }).ids));
    expect(read.size).toBe(jobs);
    client.dispose();
    // A guard against a hang, not a duration: some seconds when the machine is idle, several
    // times that with both cores busy.
  }, 90_000);
});
