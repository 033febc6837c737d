import { startApiServer, type ApiServer } from '@heygen-mock/testing';
import { HeyGenAPI } from './heygen-api.js';

/**
 * The client against a server whose per-caller limits are as low as they go: one event stream
 * and one held long-poll per caller. Two clients that share a key then meet 429 answers with
 * `Retry-After`; they retry after it and still deliver every job exactly once.
 */
let api: ApiServer;
/** Status codes of the requests the server answered, from its request log. */
const answered: number[] = [];

beforeAll(async () => {
  api = await startApiServer({
    env: { JOB_STORE: 'memory', JOB_TIME: '600', MAX_STREAMS_PER_CALLER: '1', MAX_WAITS_PER_CALLER: '1' },
    onLine: (line) => {
      const status = /"statusCode":(\d+)/.exec(line)?.[1];
      if (status !== undefined) answered.push(Number(status));
    },
  });
});
afterAll(() => api?.stop());

describe.each(['SSE', 'LONG_POLL', 'AUTO'] as const)('two %s clients on one key, with one stream and one long-poll allowed per caller', (mode) => {
  it('retries the 429 answers and delivers every job exactly once, failing none', async () => {
    const apiKey = crypto.randomUUID();
    const clients = [new HeyGenAPI({ url: api.url, mode, apiKey, logging: false }), new HeyGenAPI({ url: api.url, mode, apiKey, logging: false })];
    const terminal = new Map<string, number>();
    const refusedBefore = answered.filter((status) => status === 429).length;
    try {
      const jobs = await Promise.all(clients.flatMap((client) => [client.createJob(), client.createJob({ durationMs: 1_500 })]));
      jobs.forEach((job, index) => {
        const client = clients[Math.floor(index / 2)];
        client?.listen(job.id, (update) => {
          if (update.status !== 'pending') terminal.set(job.id, (terminal.get(job.id) ?? 0) + 1);
        });
      });
      const done = await Promise.all(jobs.map((job, index) => clients[Math.floor(index / 2)]?.waitForJob(job.id, { timeoutMs: 20_000 })));
      for (const client of clients) client.dispose();
      // End the clients, then count.
      expect(done.map((job) => job?.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
      expect([...terminal.values()]).toEqual([1, 1, 1, 1]);
      expect(answered.filter((status) => status === 429).length).toBeGreaterThan(refusedBefore);
    } finally {
      for (const client of clients) client.dispose();
    }
  });
});
