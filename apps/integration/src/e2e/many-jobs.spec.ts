import { HeyGenAPI, HeyGenStatusListenerMode } from '@heygen-mock/client';
import type { Job } from '@heygen-mock/contracts';
import type { JobOutcome, JobTracker } from '../scenario/job-tracker.js';
import { logFigures } from '../support/figures.js';
import { useProxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const JOBS = 300;
const CREATE_CONCURRENCY = 25;
const DURATION_MS = 3000;

async function createMany(client: HeyGenAPI): Promise<Job[]> {
  const jobs: Job[] = [];
  while (jobs.length < JOBS) {
    const batch = Math.min(CREATE_CONCURRENCY, JOBS - jobs.length);
    jobs.push(...(await Promise.all(Array.from({ length: batch }, () => client.createJob({ durationMs: DURATION_MS })))));
  }
  return jobs;
}

/**
 * Creates the jobs, waits until every one is reported, ends the client, then counts: each job
 * completed and reported exactly once.
 */
async function watchAllToTheEnd(client: HeyGenAPI, tracker: JobTracker): Promise<JobOutcome[]> {
  const jobs = await createMany(client);
  for (const job of jobs) tracker.track(job);
  const outcomes = await tracker.settled(30_000);
  client.dispose();
  expect(outcomes.filter((outcome) => outcome.status === 'completed')).toHaveLength(JOBS);
  expect(new Set(tracker.terminalCallbacks().values())).toEqual(new Set([1]));
  return outcomes;
}

describe(`${JOBS} concurrent jobs on one client`, () => {
  const proxy = useProxyToGlobalApi();

  it('watches them all over one event stream, each completion once', async () => {
    await withTrackedClient({ url: proxy().url, mode: HeyGenStatusListenerMode.SSE, logging: false }, async (client, tracker) => {
      const outcomes = await watchAllToTheEnd(client, tracker);
      expect(outcomes.every((outcome) => outcome.transport === 'SSE')).toBe(true);
      // The point of one multiplexed stream: a handful of connections and no polling for 300 jobs.
      expect(proxy().stats.streamConnections).toBeLessThanOrEqual(5);
      expect(client.stats.statusRequests).toBeLessThanOrEqual(5);
      logFigures('many-sse', {
        maxLatencyMs: Math.max(...outcomes.map((outcome) => outcome.latencyMs)),
        client: client.stats,
        proxy: proxy().stats,
      });
    });
  });

  it('polls them in batches over POLL, far fewer requests than jobs', async () => {
    await withTrackedClient({ url: proxy().url, mode: HeyGenStatusListenerMode.POLL, logging: false }, async (client, tracker) => {
      const outcomes = await watchAllToTheEnd(client, tracker);
      expect(proxy().stats.streamConnections).toBe(0);
      const { batch, status } = proxy().stats.requests;
      expect(batch + status).toBeGreaterThanOrEqual(1);
      // One batch read per round for every watched job: requests grow with rounds, not with jobs.
      expect(batch + status).toBeLessThanOrEqual(JOBS / 10);
      expect(Math.max(...outcomes.map((outcome) => outcome.requests))).toBeLessThanOrEqual(6);
      logFigures('many-poll', {
        maxLatencyMs: Math.max(...outcomes.map((outcome) => outcome.latencyMs)),
        client: client.stats,
        proxy: proxy().stats,
      });
    });
  });
});
