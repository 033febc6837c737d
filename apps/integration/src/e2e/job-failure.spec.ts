import { HeyGenAPI, HeyGenStatusListenerMode, JobFailedError, isHeyGenError } from '@heygen-mock/client';
import { startStack, useProxyToGlobalApi, type Stack } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const MODES = [HeyGenStatusListenerMode.SSE, HeyGenStatusListenerMode.POLL, HeyGenStatusListenerMode.LONG_POLL] as const;

describe('a job that ends in error', () => {
  const proxy = useProxyToGlobalApi('all');

  it.each(MODES)('rejects the waiter with JobFailedError over %s, carrying the failed job', async (mode) => {
    const client = new HeyGenAPI({ url: proxy().url, mode, logging: false });
    try {
      const failing = await client.createJob({ durationMs: 300, outcome: 'error' });
      const passing = await client.createJob({ durationMs: 300, outcome: 'completed' });
      const [failed, completed] = await Promise.allSettled([
        client.waitForJob(failing.id, { timeoutMs: 10_000 }),
        client.waitForJob(passing.id, { timeoutMs: 10_000 }),
      ]);

      expect(failed.status).toBe('rejected');
      const error: unknown = failed.status === 'rejected' ? failed.reason : null;
      expect(error).toBeInstanceOf(JobFailedError);
      expect(isHeyGenError(error)).toBe(true);
      const job = (error as JobFailedError).job;
      expect(job).toMatchObject({ id: failing.id, status: 'error', error: { code: expect.any(String), message: expect.any(String) } });
      expect(job.completedAt).not.toBeNull();
      // The other job is not dragged down with it.
      expect(completed).toMatchObject({ status: 'fulfilled', value: { id: passing.id, status: 'completed', progress: 100 } });
    } finally {
      client.dispose();
    }
  });
});

describe('a server that fails every job (JOB_FAILURE_RATE=1)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { JOB_FAILURE_RATE: '1', JOB_TIME: '400' } });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('reports each failure to its listener exactly once and rejects every waiter', async () => {
    await withTrackedClient({ url: stack.url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const jobs = await Promise.all(Array.from({ length: 5 }, () => client.createJob()));
      for (const job of jobs) tracker.track(job);
      const waits = await Promise.allSettled(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 })));
      const outcomes = await tracker.settled(10_000);
      client.dispose();
      // End the client, then count.

      expect(waits.every((wait) => wait.status === 'rejected' && wait.reason instanceof JobFailedError)).toBe(true);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('error'));
      expect(outcomes.every((outcome) => typeof outcome.error?.code === 'string' && outcome.error.code !== '')).toBe(true);
      expect([...tracker.terminalCallbacks().values()]).toEqual([1, 1, 1, 1, 1]);
    });
  });
});
