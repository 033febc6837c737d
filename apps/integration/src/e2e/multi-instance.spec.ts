import { HeyGenStatusListenerMode, type HeyGenAPI } from '@heygen-mock/client';
import { isTerminalStatus, type CreateJobRequest, type Job } from '@heygen-mock/contracts';
import { createJobDirect, waitFor, type ApiServer } from '@heygen-mock/testing';
import type { JobOutcome, JobTracker } from '../scenario/job-tracker.js';
import { logFigures } from '../support/figures.js';
import { jobIdsLogged, type JobLogMessage } from '../support/job-log.js';
import { openRawJobStream, type JobStreamEvent, type RawJobStream, type RawJobStreamOptions } from '../support/raw-job-stream.js';
import { startRedisStack, type RedisStack } from '../support/redis-stack.js';
import { observeStreamRequests } from '../support/stream-request-log.js';
import { withTrackedClient } from '../support/tracked-client.js';

/** The instances' indexes, in the order of the proxy's targets. */
const INSTANCES = [0, 1, 2] as const;
/** Jobs the client creates through the proxy before it streams. */
const CLIENT_JOBS = 4;
/** Jobs then created straight on chosen instances, with the client's key. */
const DIRECT_JOBS = 16;
/** Long enough for every job to be pending at the kill, which follows their creation within a second or two. */
const DURATION_MS = 6_000;
/** How late after its planned end a job may end: a busy machine's margin, not a latency target. */
const LATE_BOUND_MS = 10_000;

/** The plan of the job created `index`-th (client jobs first): every fourth one fails. */
function plan(index: number): Required<CreateJobRequest> {
  return { durationMs: DURATION_MS, outcome: index % 4 === 3 ? 'error' : 'completed' };
}

/** `[id, planned outcome]` of each job, sorted: what every witness must see end, once each. */
function plannedEnds(jobs: readonly Job[]): Array<[string, string]> {
  return jobs.map((job, index): [string, string] => [job.id, plan(index).outcome]).sort();
}

/** Instance indexes that logged `message` for each job, by job id (an index twice if it logged it twice). */
function loggedBy(stack: RedisStack, message: JobLogMessage): Map<string, number[]> {
  const by = new Map<string, number[]>();
  stack.lines.forEach((lines, instance) => {
    for (const id of jobIdsLogged(lines, message)) by.set(id, [...(by.get(id) ?? []), instance]);
  });
  return by;
}

/** Waits until some instance logged `message` for every job, and lists, per job, the instances that did. */
async function whereLogged(stack: RedisStack, jobs: readonly Job[], message: JobLogMessage): Promise<number[][]> {
  await waitFor(() => jobs.every((job) => loggedBy(stack, message).has(job.id)), { what: `a "${message}" line for every job` });
  const by = loggedBy(stack, message);
  return jobs.map((job) => by.get(job.id) ?? []);
}

/** Waits until `witness` has seen every job end, closes it, then returns the ends it saw, in order. */
async function endsSeenBy(witness: RawJobStream, jobs: readonly Job[]): Promise<JobStreamEvent[]> {
  const ends = (): JobStreamEvent[] => witness.events.filter((event) => isTerminalStatus(event.job.status));
  await waitFor(() => jobs.every((job) => ends().some((event) => event.job.id === job.id)), { what: 'a witness stream to see every job end' });
  witness.close();
  return ends();
}

/** Each job reached its listener's terminal callback once, with its planned outcome. */
function expectEachEndedOnceAsPlanned(jobs: readonly Job[], outcomes: readonly JobOutcome[], tracker: JobTracker): void {
  expect(outcomes.map((outcome) => outcome.id)).toEqual(jobs.map((job) => job.id));
  expect(outcomes.map((outcome) => outcome.status)).toEqual(jobs.map((_, index) => plan(index).outcome));
  expect([...tracker.terminalCallbacks().values()]).toEqual(Array(jobs.length).fill(1));
}

describe('three API instances on one Redis behind a round-robin proxy', () => {
  let stack: RedisStack | undefined;
  const rawStreams: RawJobStream[] = [];

  beforeEach(async () => {
    // Debug lines name the instance that created and ended each job.
    stack = await startRedisStack({ instances: INSTANCES.length, env: { HEARTBEAT_MS: '500', LOG_LEVEL: 'debug' } });
  });
  afterEach(async () => {
    for (const stream of rawStreams.splice(0)) stream.close();
    await stack?.close();
    stack = undefined;
  });

  function current(): RedisStack {
    if (stack === undefined) throw new Error('No stack outside a test.');
    return stack;
  }

  function apiOf(instance: number | undefined): ApiServer {
    const api = current().apis[instance ?? -1];
    if (api === undefined) throw new Error(`No instance ${instance}.`);
    return api;
  }

  /** A raw stream straight to instance `instance`, closed after the test whatever happens. */
  async function openWitness(instance: number, apiKey: string, options?: RawJobStreamOptions): Promise<RawJobStream> {
    const stream = await openRawJobStream(apiOf(instance).url, apiKey, options);
    rawStreams.push(stream);
    return stream;
  }

  /**
   * The client creates its jobs through the proxy and watches them: its one stream opens on
   * whichever instance the proxy gives it, found from the proxy's open streams per target.
   */
  async function createThroughClient(client: HeyGenAPI, tracker: JobTracker): Promise<{ jobs: Job[]; holder: number }> {
    const { proxy } = current();
    const jobs = await Promise.all(Array.from({ length: CLIENT_JOBS }, (_, index) => client.createJob(plan(index))));
    for (const job of jobs) tracker.track(job);
    await waitFor(() => proxy.stats.openStreams === 1, { what: 'the client’s event stream to open' });
    return { jobs, holder: proxy.stats.targetOpenStreams.indexOf(1) };
  }

  /** Creates the direct jobs with the client's key, in turn on `instances`, and watches them. */
  async function createDirect(client: HeyGenAPI, tracker: JobTracker, instances: readonly number[]): Promise<Job[]> {
    const jobs = await Promise.all(
      Array.from({ length: DIRECT_JOBS }, (_, index) => createJobDirect(apiOf(instances[index % instances.length]).url, client.apiKey, plan(CLIENT_JOBS + index))),
    );
    for (const job of jobs) tracker.track(job);
    return jobs;
  }

  it('ends every job once when the instance holding the stream is SIGKILLed; the client resumes with Last-Event-ID on another', async () => {
    const s = current();
    const streamLog = observeStreamRequests();
    await withTrackedClient({ url: s.url, mode: HeyGenStatusListenerMode.SSE, logging: false, fetch: streamLog.fetch }, async (client, tracker) => {
      const { jobs: clientJobs, holder } = await createThroughClient(client, tracker);
      const others = INSTANCES.filter((instance) => instance !== holder);
      const directJobs = await createDirect(client, tracker, others);
      const jobs = [...clientJobs, ...directJobs];
      const creators = (await whereLogged(s, jobs, 'job created')).map(([instance]) => instance);
      // Created on both other instances; the stream's instance created at most the client's own.
      expect(creators.slice(CLIENT_JOBS)).toEqual(directJobs.map((_, index) => others[index % others.length]));
      expect(creators.filter((instance) => instance === holder).length).toBeLessThanOrEqual(CLIENT_JOBS);
      const witnesses = await Promise.all(others.map((instance) => openWitness(instance, client.apiKey)));

      const streamsBeforeKill = streamLog.requests.length;
      const killedSeq = tracker.mark();
      await apiOf(holder).kill('SIGKILL');
      const killedAt = Date.now();
      // Every job was still pending when the stream's instance died.
      expect(jobs.every((job) => Date.parse(job.expectedCompletionAt) > killedAt)).toBe(true);
      await waitFor(() => s.proxy.stats.openStreams === 1 && s.proxy.stats.targetOpenStreams[holder] === 0, {
        what: 'the client’s stream to open again, on a surviving instance',
      });
      const resumedOn = s.proxy.stats.targetOpenStreams.indexOf(1);

      const outcomes = await tracker.settled(DURATION_MS + LATE_BOUND_MS);
      const stats = client.stats;
      client.dispose();
      // End the client, then count.
      expectEachEndedOnceAsPlanned(jobs, outcomes, tracker);
      expect(outcomes.every((outcome) => outcome.seq > killedSeq && outcome.transport === 'SSE')).toBe(true);
      expect(others).toContain(resumedOn);
      const resumes = streamLog.requests.slice(streamsBeforeKill);
      expect(resumes.length).toBeGreaterThanOrEqual(1);
      expect(resumes.every((request) => /^\d+$/.test(request.lastEventId ?? ''))).toBe(true);
      expect(stats.reconnects).toBeGreaterThanOrEqual(1);
      expect(stats.fallbacks).toBe(0);

      // On the servers: each job ended once, on a surviving instance.
      const finishers = await whereLogged(s, jobs, 'job finished');
      expect(finishers.filter((instances) => instances.length !== 1 || instances[0] === holder)).toEqual([]);
      // Both survivors streamed every end once, with the same ids: one event log for all instances.
      const [ends, otherEnds] = await Promise.all(witnesses.map((witness) => endsSeenBy(witness, jobs)));
      expect(ends?.map((event) => [event.job.id, event.job.status]).sort()).toEqual(plannedEnds(jobs));
      expect(otherEnds).toEqual(ends);

      // The client's resume point: a resume from it on either survivor replays exactly what
      // changed after it, every job's end, with the ids the live streams carried.
      const lastEventId = resumes[0]?.lastEventId ?? '';
      expect(Number(lastEventId)).toBeLessThan(Math.min(...(ends ?? []).map((event) => event.id)));
      for (const instance of others) {
        const replay = await openWitness(instance, client.apiKey, { lastEventId });
        await waitFor(() => replay.events.length >= jobs.length, { what: `the replay after ${lastEventId} on instance ${instance}` });
        replay.close();
        expect(replay.events).toEqual(ends);
      }
      logFigures('multi-instance: stream holder killed', {
        holder,
        resumedOn,
        creators,
        lastEventId,
        targetConnections: s.proxy.stats.targetConnections,
        latencies: outcomes.map((outcome) => outcome.latencyMs),
        client: stats,
      });
    });
  });

  it('ends every job exactly once when the instance that created them is SIGKILLed; the stream on another stays up', async () => {
    const s = current();
    const streamLog = observeStreamRequests();
    await withTrackedClient({ url: s.url, mode: HeyGenStatusListenerMode.SSE, logging: false, fetch: streamLog.fetch }, async (client, tracker) => {
      const { jobs: clientJobs, holder } = await createThroughClient(client, tracker);
      const creator = INSTANCES.find((instance) => instance !== holder) ?? -1;
      const survivors = INSTANCES.filter((instance) => instance !== creator);
      const directJobs = await createDirect(client, tracker, [creator]);
      const jobs = [...clientJobs, ...directJobs];
      const creators = (await whereLogged(s, jobs, 'job created')).map(([instance]) => instance);
      expect(creators.slice(CLIENT_JOBS)).toEqual(Array(DIRECT_JOBS).fill(creator));
      const witnesses = await Promise.all(survivors.map((instance) => openWitness(instance, client.apiKey)));

      await apiOf(creator).kill('SIGKILL');
      const killedAt = Date.now();
      // Every job was still pending when the instance that created (and armed) them died.
      expect(jobs.every((job) => Date.parse(job.expectedCompletionAt) > killedAt)).toBe(true);

      const outcomes = await tracker.settled(DURATION_MS + LATE_BOUND_MS);
      const openStreams = s.proxy.stats.targetOpenStreams;
      const stats = client.stats;
      client.dispose();
      // End the client, then count.
      expectEachEndedOnceAsPlanned(jobs, outcomes, tracker);
      // They ended once due, on a survivor's clock, and not much later.
      outcomes.forEach((outcome, index) => {
        const due = Date.parse(jobs[index]?.expectedCompletionAt ?? '');
        expect(outcome.completedAt).toBeGreaterThanOrEqual(due);
        expect(outcome.completedAt).toBeLessThanOrEqual(due + LATE_BOUND_MS);
      });
      // The stream stayed where it was, and was never reopened.
      expect(openStreams[holder]).toBe(1);
      expect(streamLog.requests).toEqual([{ lastEventId: null }]);
      expect(stats).toMatchObject({ streamConnects: 1, reconnects: 0, fallbacks: 0 });

      // On the servers: each job ended once, on a surviving instance.
      const finishers = await whereLogged(s, jobs, 'job finished');
      expect(finishers.filter((instances) => instances.length !== 1 || instances[0] === creator)).toEqual([]);
      // Both survivors streamed every end once, with the same ids.
      const [ends, otherEnds] = await Promise.all(witnesses.map((witness) => endsSeenBy(witness, jobs)));
      expect(ends?.map((event) => [event.job.id, event.job.status]).sort()).toEqual(plannedEnds(jobs));
      expect(otherEnds).toEqual(ends);
      logFigures('multi-instance: creator killed', {
        holder,
        creator,
        creators,
        targetConnections: s.proxy.stats.targetConnections,
        latencies: outcomes.map((outcome) => outcome.latencyMs),
        client: stats,
      });
    });
  });
});
