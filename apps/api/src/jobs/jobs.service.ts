import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { type Awaitable, isPromiseLike } from '../common/async/awaitable.js';
import { within } from '../common/async/within.js';
import { ProblemException } from '../common/problems/problem.exception.js';
import { CLOCK, type Clock, type TimerHandle } from '../common/time/clock.js';
import { RANDOM, type RandomSource } from '../common/time/random.js';
import type { CreateJobDto } from './dto/create-job.dto.js';
import type { JobDto } from './dto/job.dto.js';
import type { JobEvent, JobEventSubscriber } from './events/job-event.js';
import { JOB_EVENT_BUS, type JobEventBus } from './events/job-event-bus.js';
import { CallerCounter } from './limits/caller-counter.js';
import { CreateRateLimiter } from './limits/create-rate-limiter.js';
import { planJob } from './job-plan.js';
import { finished, nextProgressAt } from './job-progress.js';
import { type JobRecord, toJobDto } from './job-record.js';
import { JobWatchers } from './job-watchers.js';
import { JOB_SCHEDULER, type JobScheduler } from './scheduling/job-scheduler.js';
import { JOB_STORE, type JobStore } from './storage/job-store.js';

/** Result of a batch read. */
export interface JobBatch {
  /** The caller's jobs among the ids, in request order, each once. */
  readonly jobs: JobDto[];
  /** Ids that are unknown or belong to someone else. */
  readonly notFound: string[];
}

/** An open event subscription. */
export interface JobSubscription {
  /** `true` when the first events resume after `Last-Event-ID`, `false` for a snapshot. */
  readonly resumed: boolean;
  /** The first events, in id order, a page at a time. */
  readonly first: AsyncIterable<readonly JobEvent[]>;
  /** Ends the subscription; safe to call more than once; never rejects. */
  unsubscribe(): Promise<void>;
}

/** When to try again after a limit on things held (streams, waits, pending jobs): in a second. */
const HELD_RETRY_AFTER_MS = 1000;
/** How long the readiness probe waits for a store in another process. */
const STORE_PING_TIMEOUT_MS = 1000;
/** Jobs read from the store per page when a caller's replay log is built. */
const STATE_PAGE_SIZE = 500;

/**
 * Runs the simulated jobs and answers every question about them, within the server's limits.
 *
 * A job is created `pending`, publishes a progress event whenever its progress has changed and
 * `PROGRESS_INTERVAL_MS` has passed, ends as planned at its expected completion, and is
 * forgotten `JOB_RETENTION_MS` later. Jobs live in the {@link JobStore}, their events travel on
 * the {@link JobEventBus}, and each step is due work on the {@link JobScheduler}. Every store or
 * bus answer is awaited, so the service is correct whether they answer at once or later.
 *
 * Limits are checked before any work is done, from counts that cost O(1): pending jobs and the
 * create rate per caller, jobs in total (`create`); streams per caller and in total
 * (`subscribe`); long-polls per caller (`waitForChange`).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly watchers: JobWatchers;
  private readonly createRate: CreateRateLimiter;
  private readonly streams: CallerCounter;
  private readonly waits: CallerCounter;
  /** Ends of the long-polls in progress, so that shutdown can answer them. */
  private readonly waitEnds = new Set<() => void>();
  private closing = false;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(JOB_STORE) private readonly store: JobStore,
    @Inject(JOB_EVENT_BUS) private readonly bus: JobEventBus,
    @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler,
  ) {
    this.watchers = new JobWatchers(bus, (callerId, subscriber) => this.detach(callerId, subscriber));
    this.createRate = new CreateRateLimiter(config.createRatePerS, config.createBurst);
    this.streams = new CallerCounter(config.maxStreamsPerCaller, config.maxStreams);
    this.waits = new CallerCounter(config.maxWaitsPerCaller, Number.POSITIVE_INFINITY);
  }

  /**
   * Starts running due work and re-arms every stored job, so that a restart on a durable store
   * goes on where the last run stopped: a job past its expected completion ends at once with its
   * planned outcome, the others on time, and finished jobs expire `JOB_RETENTION_MS` after they
   * ended. Event ids go on above the highest stored one.
   *
   * A shared scheduler (Redis) keeps the due times of every instance: a starting instance only
   * gives one to a pending job that has none, which happens when its creator died between
   * storing and arming it. (A finished job left without its expiry is removed by its TTL.)
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.bus.seed(await this.store.lastEventId());
    await this.scheduler.start((jobId) => this.step(jobId));
    const shared = this.scheduler.shared === true;
    let rearmed = 0;
    for await (const page of this.store.pages(STATE_PAGE_SIZE)) {
      for (const record of page) {
        if (shared && record.status !== 'pending') continue;
        if (await this.arm(record, shared)) rearmed += 1;
      }
    }
    if (rearmed > 0) this.logger.log({ message: 'jobs re-armed from the store', jobs: rearmed });
  }

  /**
   * Creates and starts a job.
   *
   * @param ownerId - the creating caller
   * @param overrides - optional duration and outcome for this job
   * @returns the new job, `pending`
   * @throws {@link ProblemException} `jobCapacityReached` (503) when the server keeps `MAX_JOBS`
   *   jobs, `tooManyPendingJobs` (429) when the caller has `MAX_PENDING_JOBS_PER_CALLER`,
   *   `createRateExceeded` (429) past `CREATE_RATE_PER_S` and `CREATE_BURST`
   */
  async create(ownerId: string, overrides: CreateJobDto = {}): Promise<JobDto> {
    const { maxJobs, maxPendingJobsPerCaller } = this.config;
    if ((await this.store.size()) >= maxJobs) {
      throw ProblemException.limit('jobCapacityReached', `The server keeps ${maxJobs} jobs, its most; finished ones are forgotten after JOB_RETENTION_MS.`, HELD_RETRY_AFTER_MS);
    }
    if ((await this.store.countPending(ownerId)) >= maxPendingJobsPerCaller) {
      throw ProblemException.limit('tooManyPendingJobs', `A caller may have ${maxPendingJobsPerCaller} pending jobs at once.`, HELD_RETRY_AFTER_MS);
    }
    const wait = this.createRate.take(ownerId, this.clock.now());
    if (wait > 0) {
      throw ProblemException.limit('createRateExceeded', `A caller may create ${this.config.createRatePerS} jobs a second, ${this.config.createBurst} at once.`, wait);
    }
    const plan = planJob(this.config, overrides, this.random);
    const now = this.clock.now();
    const record: JobRecord = {
      id: randomUUID(),
      ownerId,
      outcome: plan.outcome,
      createdAt: now,
      expectedCompletionAt: now + plan.durationMs,
      status: 'pending',
      completedAt: null,
      error: null,
      eventId: await this.bus.nextId(),
    };
    await this.store.insert(record);
    this.logger.debug({ message: 'job created', jobId: record.id, durationMs: plan.durationMs, outcome: plan.outcome });
    try {
      await this.bus.publish(ownerId, this.view(record), record.eventId);
    } finally {
      // Scheduled after the creation event so that, on a slow bus, completion cannot overtake it;
      // and scheduled even when publishing failed, so that a stored job always runs its course.
      await this.arm(record);
    }
    return this.view(record);
  }

  /**
   * Reads one job.
   *
   * @param ownerId - the asking caller
   * @param id - the job id, lower case
   * @returns the job's current state; at once, without a promise, from a store that answers at
   *   once (memory, SQLite), as most status reads are served
   * @throws {@link ProblemException} `jobNotFound` (as a rejection, like every failure) for an
   *   unknown job or another caller's
   */
  get(ownerId: string, id: string): Awaitable<JobDto> {
    try {
      const record = this.store.get(id);
      return isPromiseLike(record) ? record.then((found) => this.ownedView(ownerId, id, found)) : this.ownedView(ownerId, id, record);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Reads many jobs at once.
   *
   * @param ownerId - the asking caller
   * @param ids - job ids, lower case; duplicates are read once
   * @returns the found jobs and the ids that were not found
   */
  async getMany(ownerId: string, ids: readonly string[]): Promise<JobBatch> {
    const read = await Promise.all([...new Set(ids)].map(async (id) => ({ id, record: await this.owned(ownerId, id) })));
    const jobs: JobDto[] = [];
    const notFound: string[] = [];
    for (const { id, record } of read) {
      if (record === undefined) notFound.push(id);
      else jobs.push(this.view(record));
    }
    return { jobs, notFound };
  }

  /**
   * Waits until any of the caller's listed jobs that is pending now changes status, the wait
   * ends, the client goes away or the server shuts down. Returns at once when none of them is
   * pending.
   *
   * @param ownerId - the asking caller
   * @param ids - job ids, lower case
   * @param waitMs - the longest wait asked for
   * @param signal - aborts the wait (client disconnect)
   * @throws {@link ProblemException} `validation` when `waitMs` is above `LONG_POLL_MAX_MS`,
   *   `tooManyWaits` (429) when the caller holds `MAX_WAITS_PER_CALLER` long-polls
   */
  async waitForChange(ownerId: string, ids: readonly string[], waitMs: number, signal?: AbortSignal): Promise<void> {
    this.checkWait(waitMs);
    if (waitMs <= 0 || signal?.aborted === true || this.closing) return;
    if (this.waits.acquire(ownerId) !== 'ok') {
      throw ProblemException.limit('tooManyWaits', `A caller may hold ${this.config.maxWaitsPerCaller} long-polls at once.`, HELD_RETRY_AFTER_MS);
    }
    const jobIds = [...new Set(ids)];
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const timer: TimerHandle = this.clock.setTimer(end, waitMs);
    signal?.addEventListener('abort', end, { once: true });
    this.waitEnds.add(end);
    let stopWatching: (() => void) | undefined;
    try {
      // Watch before reading, so that a change landing between the read and the watch still wakes us.
      stopWatching = await this.watchers.watch(ownerId, jobIds, end);
      const records = await Promise.all(jobIds.map((id) => this.owned(ownerId, id)));
      if (records.some((record) => record?.status === 'pending')) await ended;
    } finally {
      stopWatching?.();
      timer.cancel();
      signal?.removeEventListener('abort', end);
      this.waitEnds.delete(end);
      this.waits.release(ownerId);
    }
  }

  /**
   * Checks a requested long-poll against this server's `LONG_POLL_MAX_MS`, which may be lower
   * than the contract's cap; requests check it before any other work.
   *
   * @param waitMs - the `waitMs` asked for, if any
   * @param location - where the request carried it
   * @throws {@link ProblemException} `validation` when it is above the cap
   */
  checkWait(waitMs: number | undefined, location: 'query' | 'body' = 'query'): void {
    if (waitMs === undefined || waitMs <= this.config.longPollMaxMs) return;
    const name = location === 'body' ? '/waitMs' : 'waitMs';
    throw ProblemException.validation([{ in: location, name, detail: `must not be greater than ${this.config.longPollMaxMs} (LONG_POLL_MAX_MS of this server)` }]);
  }

  /**
   * Subscribes an event stream to the caller's job events and works out its first events: a
   * resume after `lastEventId` when the caller's log covers it, otherwise a snapshot of the
   * caller's pending jobs, or with `jobIds` of each listed job whatever its status.
   *
   * @param ownerId - the subscribing caller
   * @param subscriber - receives live events, possibly before this promise's result is handled
   * @param options - `jobIds` limits the stream; `lastEventId` asks to resume
   * @returns the first events and the way to unsubscribe
   * @throws {@link ProblemException} `tooManyStreams` (429) or `streamCapacityReached` (503)
   */
  async subscribe(
    ownerId: string,
    subscriber: JobEventSubscriber,
    options: { readonly jobIds?: readonly string[]; readonly lastEventId?: number },
  ): Promise<JobSubscription> {
    const taken = this.streams.acquire(ownerId);
    if (taken === 'total') {
      throw ProblemException.limit('streamCapacityReached', `The server holds ${this.config.maxStreams} event streams, its most.`, HELD_RETRY_AFTER_MS);
    }
    if (taken === 'caller') {
      throw ProblemException.limit('tooManyStreams', `A caller may hold ${this.config.maxStreamsPerCaller} event streams open at once.`, HELD_RETRY_AFTER_MS);
    }
    let open = true;
    const unsubscribe = async (): Promise<void> => {
      if (!open) return;
      open = false;
      this.streams.release(ownerId);
      await this.detach(ownerId, subscriber);
    };
    try {
      // Live events first, then the log: an event published in between is in both, and the
      // stream drops the copy whose id it has already passed.
      await this.bus.subscribe(ownerId, subscriber);
      // Shutdown closed the subscribers it knew of; this one came too late for it.
      if (this.closing) subscriber.close();
      const replay = await this.bus.replay(ownerId, options, () => this.statesOf(ownerId));
      return { resumed: replay.resumed, first: replay.events, unsubscribe };
    } catch (error) {
      await unsubscribe();
      throw error;
    }
  }

  /**
   * Checks that the job store answers, for the readiness probe: at once for a store in this
   * process, within a second for a shared one.
   *
   * @throws {@link ProblemException} `storeUnavailable` (503) when the store does not answer in
   *   time, or the store client's error when it cannot be reached
   */
  async checkStore(): Promise<void> {
    if (this.store.ping === undefined) return;
    await within(
      this.store.ping(),
      STORE_PING_TIMEOUT_MS,
      () => ProblemException.limit('storeUnavailable', `The job store did not answer within ${STORE_PING_TIMEOUT_MS} ms.`, HELD_RETRY_AFTER_MS),
      this.clock,
    );
  }

  /** Number of jobs some long-poll is waiting on, for tests and diagnostics. */
  get watchedJobCount(): number {
    return this.watchers.watchedJobCount;
  }

  /** Event streams held, for tests and diagnostics. */
  get streamCount(): number {
    return this.streams.held;
  }

  /** Releases held long-polls and streams and stops the simulation, so that the server can close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const end of this.waitEnds) end();
    await this.scheduler.stop();
    await this.bus.closeAll();
  }

  /** The due work of a job: its next progress event, its completion or its expiry. */
  private async step(jobId: string): Promise<void> {
    const record = await this.store.get(jobId);
    if (record === undefined) return;
    const now = this.clock.now();
    if (record.status !== 'pending') {
      if (now >= (record.completedAt ?? now) + this.config.jobRetentionMs) await this.expire(record);
      else await this.arm(record);
      return;
    }
    if (now >= record.expectedCompletionAt) {
      await this.finish(record, now);
      return;
    }
    try {
      // A progress event: the progress has changed since the last one (see `arm`).
      await this.bus.publish(record.ownerId, this.view(record));
    } finally {
      // A failed event costs one progress event, never the job's completion.
      await this.arm(record);
    }
  }

  private async finish(record: JobRecord, now: number): Promise<void> {
    const done: JobRecord = { ...finished(record, now), eventId: await this.bus.nextId() };
    // Another instance ended it first (a shared scheduler whose lease ran out): its end stands.
    if (!(await this.store.update(done))) return;
    this.logger.debug({ message: 'job finished', jobId: done.id, status: done.status });
    // Armed first so that no failure below lets the job outlive its retention.
    await this.arm(done);
    // Published after the update, so that a long-poll woken by it reads the final state.
    await this.bus.publish(done.ownerId, this.view(done), done.eventId);
  }

  private async expire(record: JobRecord): Promise<void> {
    await this.store.delete(record.id);
    await this.bus.forget(record.ownerId, record.id);
  }

  /**
   * Sets the job's one due time: its next progress event or completion while pending, then its
   * expiry.
   *
   * @returns whether the due time was set: always, unless `ifAbsent` and the job had one
   */
  private async arm(record: JobRecord, ifAbsent = false): Promise<boolean> {
    const interval = this.config.progressIntervalMs;
    const dueAt =
      record.completedAt !== null
        ? record.completedAt + this.config.jobRetentionMs
        : interval > 0
          ? Math.min(record.expectedCompletionAt, nextProgressAt(record, this.clock.now(), interval))
          : record.expectedCompletionAt;
    if (ifAbsent) return this.scheduler.scheduleIfAbsent(record.id, dueAt);
    await this.scheduler.schedule(record.id, dueAt);
    return true;
  }

  private async owned(ownerId: string, id: string): Promise<JobRecord | undefined> {
    return ownedBy(ownerId, await this.store.get(id));
  }

  private ownedView(ownerId: string, id: string, record: JobRecord | undefined): JobDto {
    const owned = ownedBy(ownerId, record);
    if (owned === undefined) throw new ProblemException('jobNotFound', `No job ${id} for this caller.`);
    return this.view(owned);
  }

  private view(record: JobRecord): JobDto {
    return toJobDto(record, this.clock.now(), this.config.pollMinMs);
  }

  /** The caller's jobs, each as an event with the id of its last status change, in id order, a page at a time. */
  private async *statesOf(ownerId: string): AsyncIterable<readonly JobEvent[]> {
    for await (const page of this.store.pagesByOwner(ownerId, STATE_PAGE_SIZE)) {
      yield page.map((record) => ({ id: record.eventId, job: this.view(record) }));
      // An in-memory store's pages are ready at once: let timers and I/O run between them, so
      // that reading a caller with 100,000 jobs never holds the event loop for long.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Ends a bus subscription; logs instead of failing. */
  private async detach(ownerId: string, subscriber: JobEventSubscriber): Promise<void> {
    try {
      await this.bus.unsubscribe(ownerId, subscriber);
    } catch (error) {
      this.logger.error({ message: 'unsubscribe failed' }, error instanceof Error ? error.stack : String(error));
    }
  }
}

/** The record when it belongs to the caller: another caller's job reads as unknown. */
function ownedBy(ownerId: string, record: JobRecord | undefined): JobRecord | undefined {
  return record?.ownerId === ownerId ? record : undefined;
}
