import { startApiServer, type ApiServer } from '@heygen-mock/testing';
import { HeyGenAPI, type TransportChange } from './heygen-api.js';

/**
 * Many jobs on one client over one stream, against the real server: the subscription does not
 * grow with the watch set, so 1,500 watched jobs neither fall back to polling nor reconnect.
 * Progress events are off to keep the run light; only counts are asserted, never timings.
 */
let api: ApiServer;

beforeAll(async () => {
  api = await startApiServer({ env: { JOB_TIME: '500', PROGRESS_INTERVAL_MS: '0', HEARTBEAT_MS: '1000' } });
});
afterAll(() => api?.stop());

const JOBS = 1500;

it(`delivers each completion of ${JOBS} jobs watched over SSE exactly once, on one connection`, async () => {
  const client = new HeyGenAPI({ url: api.url, mode: 'SSE' });
  const changes: TransportChange[] = [];
  client.on('transport', (change) => changes.push(change));
  const completions = new Map<string, number>();
  let finished = 0;
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const opened = new Promise<void>((resolve) => client.on('request', ({ kind }) => kind == 'batch' && resolve()));
  // A long job keeps the stream open from before the first creation to the end.
  const anchor = await client.createJob({ durationMs: 60_000 });
  client.listen(anchor.id, () => undefined);
  // The read that follows the open: every job created from now on is covered by the stream.
  await opened;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < JOBS) {
      next++;
      const job = await client.createJob();
      client.listen(job.id, (state) => {
        if (state.status == 'pending') return;
        completions.set(job.id, (completions.get(job.id) ?? 0) + 1);
        if (state.status == 'completed' && ++finished == JOBS) allDone();
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await done;
  const stats = { ...client.stats };
  const transport = client.transport;
  client.stop(anchor.id);
  client.dispose();
  // End the client, then count: no completion came twice.
  expect(completions.size).toBe(JOBS);
  expect([...completions.values()].every((count) => count == 1)).toBe(true);
  expect(transport).toBe('SSE');
  expect(changes).toEqual([{ from: null, to: 'SSE', reason: 'initial' }]);
  expect(stats).toMatchObject({ streamConnects: 1, reconnects: 0, fallbacks: 0 });
}, 60_000);
