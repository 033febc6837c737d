import { startApiServer, waitFor, waitForJobsToEnd, type ApiServer } from '@heygen-mock/testing';
import { EventSource } from 'eventsource';
import { HeyGenAPI, type TransportChange } from './heygen-api.js';
import { cuttableFetch } from './testing/cuttable-fetch.js';

/**
 * The client against the real server (apps/api/dist), started once on a free port with short
 * jobs. Assertions are about outcomes, order and counts, never about durations: a test waits
 * for events and counters, and counts once the client is disposed.
 */
let api: ApiServer;

beforeAll(async () => {
  api = await startApiServer({ env: { JOB_TIME: '400', HEARTBEAT_MS: '1000', PROGRESS_INTERVAL_MS: '100', POLL_MIN_MS: '50' } });
});
afterAll(() => api?.stop());

/** Resolves with the client's next transport change that matches `predicate`. */
function nextChange(client: HeyGenAPI, predicate: (change: TransportChange) => boolean): Promise<TransportChange> {
  return new Promise((resolve) => {
    const off = client.on('transport', (change) => {
      if (!predicate(change)) return;
      off();
      resolve(change);
    });
  });
}

/** Counts status reads per job from the client's `request` events. */
function countReads(client: HeyGenAPI): Map<string, number> {
  const reads = new Map<string, number>();
  client.on('request', ({ kind, ids }) => {
    if (kind == 'batch' || kind == 'status') for (const id of ids) reads.set(id, (reads.get(id) ?? 0) + 1);
  });
  return reads;
}

describe.each(['SSE', 'POLL', 'LONG_POLL', 'AUTO'] as const)('in %s mode', (mode) => {
  it('creates jobs and waits for each of them', async () => {
    const client = new HeyGenAPI({ url: api.url, mode });
    const jobs = await Promise.all([client.createJob(), client.createJob({ durationMs: 200 }), client.createJob({ durationMs: 600 })]);
    const done = await Promise.all(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 })));
    expect(done.map((job) => [job.id, job.status, job.progress])).toEqual(jobs.map((job) => [job.id, 'completed', 100]));
    expect(client.transport).toBe(mode == 'AUTO' ? 'SSE' : mode);
    client.dispose();
  });

  it('rejects with JobFailedError for a failed job and JobNotFoundError for an unknown or foreign one', async () => {
    const client = new HeyGenAPI({ url: api.url, mode });
    const other = new HeyGenAPI({ url: api.url, mode: 'POLL' });
    const failing = await client.createJob({ durationMs: 100, outcome: 'error' });
    const foreign = await other.createJob();
    const outcomes = await Promise.all(
      [failing.id, foreign.id, crypto.randomUUID()].map((id) =>
        client.waitForJob(id, { timeoutMs: 10_000 }).catch((error: { code: string }) => error.code),
      ),
    );
    expect(outcomes).toEqual(['ERR_JOB_FAILED', 'ERR_JOB_NOT_FOUND', 'ERR_JOB_NOT_FOUND']);
    client.dispose();
    other.dispose();
  });
});

it('polls each job at most 3 times by following the server hints', async () => {
  const client = new HeyGenAPI({ url: api.url, mode: 'POLL' });
  const reads = countReads(client);
  const jobs = await Promise.all([1500, 1200, 900, 1500, 600].map((durationMs) => client.createJob({ durationMs })));
  const done = await Promise.all(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 })));
  client.dispose();
  // End the client, then count.
  expect(done.every((job) => job.status == 'completed')).toBe(true);
  for (const job of done) expect(reads.get(job.id)).toBeLessThanOrEqual(3);
});

it('works with an injected EventSource (the eventsource package), which carries the key through its fetch', async () => {
  const client = new HeyGenAPI({ url: api.url, mode: 'SSE', EventSource });
  const jobs = await Promise.all([client.createJob(), client.createJob()]);
  const done = await Promise.all(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 })));
  expect(done.map((job) => job.status)).toEqual(['completed', 'completed']);
  expect(client.stats.eventsReceived).toBeGreaterThan(0);
  client.dispose();
});

it('delivers every completion exactly once when the jobs complete while the stream is cut', async () => {
  const network = cuttableFetch();
  const client = new HeyGenAPI({ url: api.url, mode: 'SSE', fallback: false, fetch: network.fetch, reconnectMinMs: 100, reconnectMaxMs: 400 });
  const completions = new Map<string, number>();
  const jobs = await Promise.all([0, 1, 2].map(() => client.createJob({ durationMs: 2000 })));
  const waits = jobs.map((job) => {
    client.listen(job.id, (state) => {
      if (state.status != 'pending') completions.set(job.id, (completions.get(job.id) ?? 0) + 1);
    });
    return client.waitForJob(job.id, { timeoutMs: 10_000 });
  });
  // Cut the open stream once the client has read the jobs' first events (their ids are what it
  // resumes from), and keep streams down until the server has completed every job, so the
  // completions can only arrive through the reconnect.
  await waitFor(() => network.openStreams() == 1 && client.stats.eventsReceived >= jobs.length, { what: 'the first event of every job' });
  network.down(true);
  network.cutStreams();
  const ended = await waitForJobsToEnd(api.url, client.apiKey, jobs.map((job) => job.id));
  expect(ended.map((job) => job.status)).toEqual(['completed', 'completed', 'completed']);
  expect(completions.size).toBe(0);
  network.down(false);
  await Promise.all(waits);
  client.dispose();
  // End the client, then count.
  expect([...completions.values()]).toEqual([1, 1, 1]);
  expect(client.stats.reconnects).toBeGreaterThanOrEqual(1);
  expect(network.streamRequests.some((headers) => headers.get('last-event-id'))).toBe(true);
});

it('falls back to polling while the stream is down and returns to SSE when it is back', async () => {
  const network = cuttableFetch();
  const client = new HeyGenAPI({ url: api.url, fetch: network.fetch, probeMinMs: 300, probeMaxMs: 600 });
  const changes: TransportChange[] = [];
  client.on('transport', (change) => changes.push(change));
  const first = await client.createJob({ durationMs: 1500 });
  const waitFirst = client.waitForJob(first.id, { timeoutMs: 15_000 });
  await waitFor(() => network.openStreams() == 1, { what: 'the event stream to open' });
  const fallback = nextChange(client, (change) => change.to == 'POLL');
  network.down(true);
  network.cutStreams();
  await fallback;
  // While the stream is down, jobs finish over polling.
  const second = await client.createJob({ durationMs: 300 });
  await expect(client.waitForJob(second.id, { timeoutMs: 10_000 })).resolves.toMatchObject({ status: 'completed' });
  expect(client.transport).toBe('POLL');
  const recovery = nextChange(client, (change) => change.to == 'SSE');
  network.down(false);
  await expect(waitFirst).resolves.toMatchObject({ status: 'completed' });
  const third = await client.createJob({ durationMs: 1500 });
  const waitThird = client.waitForJob(third.id, { timeoutMs: 15_000 });
  await expect(recovery).resolves.toMatchObject({ from: 'POLL', to: 'SSE', reason: 'recovered' });
  await expect(waitThird).resolves.toMatchObject({ status: 'completed' });
  client.dispose();
  expect(changes.map(({ from, to }) => `${from}->${to}`)).toEqual(['null->SSE', 'SSE->POLL', 'POLL->SSE']);
  expect(changes[1]!.reason).toMatch(/^fallback: /);
  expect(client.stats).toMatchObject({ fallbacks: 1, recoveries: 1 });
});

it('resumes watching a job after a restart with the same key', async () => {
  const before = new HeyGenAPI({ url: api.url, mode: 'POLL' });
  const job = await before.createJob({ durationMs: 500 });
  before.dispose();
  const after = new HeyGenAPI({ url: api.url, apiKey: before.apiKey });
  await expect(after.waitForJob(job.id, { timeoutMs: 10_000 })).resolves.toMatchObject({ id: job.id, status: 'completed' });
  after.dispose();
});
