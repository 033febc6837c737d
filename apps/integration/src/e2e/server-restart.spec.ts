import { HeyGenStatusListenerMode, JobFailedError, type HeyGenAPI } from '@heygen-mock/client';
import type { Job } from '@heygen-mock/contracts';
import { waitFor } from '@heygen-mock/testing';
import { EventSource } from 'eventsource';
import { randomUUID } from 'node:crypto';
import { logFigures } from '../support/figures.js';
import { startStack, type Stack } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const JOBS = 20;

/** Creates `JOBS` jobs, every fourth one planned to fail, and waits on each. */
async function createAndWait(client: HeyGenAPI, durationMs: number): Promise<{ jobs: Job[]; waits: Promise<PromiseSettledResult<Job>[]> }> {
  const jobs = await Promise.all(
    Array.from({ length: JOBS }, (_, index) => client.createJob({ durationMs, outcome: index % 4 === 3 ? 'error' : 'completed' })),
  );
  const waits = Promise.allSettled(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 60_000 })));
  return { jobs, waits };
}

/** Every wait ended with its job's planned outcome: completed, or rejected with JobFailedError. */
function expectPlannedOutcomes(jobs: readonly Job[], waits: readonly PromiseSettledResult<Job>[]): void {
  waits.forEach((wait, index) => {
    const id = jobs[index]?.id;
    if (index % 4 === 3) {
      expect(wait.status).toBe('rejected');
      const reason: unknown = wait.status === 'rejected' ? wait.reason : null;
      expect(reason).toBeInstanceOf(JobFailedError);
      expect((reason as JobFailedError).job).toMatchObject({ id, status: 'error' });
    } else {
      expect(wait).toMatchObject({ status: 'fulfilled', value: { id, status: 'completed', progress: 100 } });
    }
  });
}

describe('the API killed and started again on the same SQLite file', () => {
  let stack: Stack;

  beforeEach(async () => {
    stack = await startStack({ env: { HEARTBEAT_MS: '500' } });
  });
  afterEach(async () => {
    await stack.close();
  });

  it('resolves every wait of jobs that were pending at the kill: none lost, none twice, no JobNotFoundError', async () => {
    await withTrackedClient({ url: stack.url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const { jobs, waits } = await createAndWait(client, 8_000);
      for (const job of jobs) tracker.track(job);
      await waitFor(() => stack.proxy.stats.openStreams === 1, { what: 'the event stream to open' });

      const killedSeq = tracker.mark();
      await stack.api.kill('SIGKILL');
      const killedAt = Date.now();
      // Every job was still pending when the process died.
      expect(jobs.every((job) => Date.parse(job.expectedCompletionAt) > killedAt)).toBe(true);
      await stack.api.restart();

      const results = await waits;
      const outcomes = await tracker.settled(30_000);
      client.dispose();
      // End the client, then count.
      expectPlannedOutcomes(jobs, results);
      expect(outcomes.every((outcome) => outcome.seq > killedSeq)).toBe(true);
      expect([...tracker.terminalCallbacks().values()]).toEqual(Array(JOBS).fill(1));
      logFigures('restart while pending', { latencies: outcomes.map((outcome) => outcome.latencyMs), client: client.stats });
    });
  });

  it('ends at once after the start the jobs whose completion time passed while it was down', async () => {
    await withTrackedClient({ url: stack.url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const { jobs, waits } = await createAndWait(client, 1_500);
      for (const job of jobs) tracker.track(job);
      await stack.api.kill('SIGKILL');
      const due = Math.max(...jobs.map((job) => Date.parse(job.expectedCompletionAt)));
      await waitFor(() => Date.now() > due, { what: 'every job’s completion time to pass', timeoutMs: 10_000 });

      const restartedAt = Date.now();
      await stack.api.restart();
      const results = await waits;
      const outcomes = await tracker.settled(30_000);
      client.dispose();
      expectPlannedOutcomes(jobs, results);
      // They ended when the new process started, not before the kill, and each exactly once.
      expect(outcomes.every((outcome) => outcome.completedAt >= restartedAt)).toBe(true);
      expect([...tracker.terminalCallbacks().values()]).toEqual(Array(JOBS).fill(1));
      logFigures('restart after due time', { latencies: outcomes.map((outcome) => outcome.latencyMs) });
    });
  });

  it('lets a standard EventSource resume with its Last-Event-ID across the restart: no event lost or repeated', async () => {
    const key = randomUUID();
    const received: Array<{ id: number; job: Job }> = [];
    const source = new EventSource(`${stack.url}/status`, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, Authorization: `Bearer ${key}` } }),
    });
    source.addEventListener('job', (event) => received.push({ id: Number(event.lastEventId), job: JSON.parse(event.data) as Job }));
    try {
      await waitFor(() => source.readyState === EventSource.OPEN, { what: 'the EventSource to open' });
      const create = async (durationMs: number): Promise<Job> => {
        const res = await fetch(`${stack.url}/create`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ durationMs }),
        });
        expect(res.status).toBe(201);
        return (await res.json()) as Job;
      };
      // One job ends before the kill, one while the server is down, one after the restart.
      const jobs = [await create(300), await create(2_500), await create(6_000)];
      const [early] = jobs;
      await waitFor(() => received.some((event) => event.job.id === early?.id && event.job.status === 'completed'), { what: 'the first job’s end' });
      const beforeKill = received.length;

      await stack.api.kill('SIGKILL');
      await waitFor(() => Date.now() > Date.parse(jobs[1]?.expectedCompletionAt ?? ''), { what: 'the second job’s completion time', timeoutMs: 10_000 });
      await stack.api.restart();
      const ended = (id: string | undefined): boolean => received.some((event) => event.job.id === id && event.job.status !== 'pending');
      await waitFor(() => jobs.every((job) => ended(job.id)), { what: 'every job’s end on the stream', timeoutMs: 30_000 });
      source.close();

      expect(received.length).toBeGreaterThan(beforeKill);
      const ids = received.map((event) => event.id);
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
      for (const job of jobs) {
        const states = received.filter((event) => event.job.id === job.id).map((event) => event.job.status);
        expect(states.filter((status) => status === 'completed')).toHaveLength(1);
        expect(states.at(-1)).toBe('completed');
      }
    } finally {
      source.close();
    }
  });
});
