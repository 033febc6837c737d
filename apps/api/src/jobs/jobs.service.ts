import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { ProblemException } from '../common/problems/problem.exception.js';
import { CLOCK, type Clock, type TimerHandle } from '../common/time/clock.js';
import { RANDOM, type RandomSource } from '../common/time/random.js';
import type { CreateJobDto } from './dto/create-job.dto.js';
import type { JobDto } from './dto/job.dto.js';
import type { JobEventSubscriber } from './events/job-event.js';
import { JOB_EVENT_BUS, type JobEventBus, type SubscriptionStart } from './events/job-event-bus.js';
import { planJob } from './job-plan.js';
import { type JobRecord, toJobDto } from './job-record.js';
import { finished, progressed } from './job-transitions.js';
import { JobWatchers } from './job-watchers.js';
import { JOB_STORE, type JobStore } from './storage/job-store.js';

/** Result of a batch read. */
export interface JobBatch {
  /** The caller's jobs among the ids, in request order, each once. */
  readonly jobs: JobDto[];
  /** Ids that are unknown or belong to someone else. */
  readonly notFound: string[];
}

/** An open event subscription. */
export interface JobSubscription extends SubscriptionStart {
  /** Ends the subscription; safe to call more than once; never rejects. */
  unsubscribe(): Promise<void>;
}

/**
 * Runs the simulated jobs and answers every question about them.
 *
 * A job is created `pending`, publishes a progress event every `PROGRESS_INTERVAL_MS`, ends as
 * planned at its expected completion, and is forgotten `JOB_RETENTION_MS` later. Jobs live in the
 * {@link JobStore} and their events travel on the {@link JobEventBus}; only the timers that drive
 * the simulation live here, at most one per job. Every store or bus answer is awaited, so the
 * service is correct whether they answer at once or later.
 */
@Injectable()
export class JobsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  /** The next progress tick, completion or removal of each job this process runs. */
  private readonly timers = new Map<string, TimerHandle>();
  private readonly watchers: JobWatchers;
  /** Ends of the long-polls in progress, so that shutdown can answer them. */
  private readonly waits = new Set<() => void>();
  private closing = false;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(JOB_STORE) private readonly store: JobStore,
    @Inject(JOB_EVENT_BUS) private readonly bus: JobEventBus,
  ) {
    this.watchers = new JobWatchers(bus, (callerId, subscriber) => this.detach(callerId, subscriber));
  }

  /**
   * Creates and starts a job.
   *
   * @param ownerId - the creating caller
   * @param overrides - optional duration and outcome for this job
   * @returns the new job, `pending`
   */
  async create(ownerId: string, overrides: CreateJobDto = {}): Promise<JobDto> {
    const plan = planJob(this.config, overrides, this.random);
    const now = this.clock.now();
    const record: JobRecord = {
      id: randomUUID(),
      ownerId,
      outcome: plan.outcome,
      createdAt: now,
      expectedCompletionAt: now + plan.durationMs,
      status: 'pending',
      progress: 0,
      updatedAt: now,
      completedAt: null,
      error: null,
    };
    await this.store.insert(record);
    this.logger.debug({ message: 'job created', jobId: record.id, durationMs: plan.durationMs, outcome: plan.outcome });
    try {
      await this.bus.publish(ownerId, this.view(record));
    } finally {
      // Scheduled after the creation event so that, on a slow bus, completion cannot overtake it;
      // and scheduled even when publishing failed, so that a stored job always runs its course.
      this.scheduleNext(record);
    }
    return this.view(record);
  }

  /**
   * Reads one job.
   *
   * @param ownerId - the asking caller
   * @param id - the job id, lower case
   * @returns the job's current state
   * @throws {@link ProblemException} `jobNotFound` for an unknown job or another caller's
   */
  async get(ownerId: string, id: string): Promise<JobDto> {
    const record = await this.owned(ownerId, id);
    if (record === undefined) throw new ProblemException('jobNotFound', `No job ${id} for this caller.`);
    return this.view(record);
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
   * (capped at `LONG_POLL_MAX_MS`) ends, the client goes away or the server shuts down.
   * Returns at once when none of them is pending.
   *
   * @param ownerId - the asking caller
   * @param ids - job ids, lower case
   * @param waitMs - the longest wait asked for
   * @param signal - aborts the wait (client disconnect)
   */
  async waitForChange(ownerId: string, ids: readonly string[], waitMs: number, signal?: AbortSignal): Promise<void> {
    const limit = Math.min(waitMs, this.config.longPollMaxMs);
    if (limit <= 0 || signal?.aborted === true || this.closing) return;
    const jobIds = [...new Set(ids)];
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const timer = this.clock.setTimer(end, limit);
    signal?.addEventListener('abort', end, { once: true });
    this.waits.add(end);
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
      this.waits.delete(end);
    }
  }

  /**
   * Subscribes to the caller's job events. Without `lastEventId`, or when the replay log no
   * longer reaches back to it, the subscription starts with a snapshot: the caller's pending
   * jobs, or with `jobIds` each listed job whatever its status.
   *
   * @param ownerId - the subscribing caller
   * @param subscriber - receives live events, possibly before this promise's result is handled
   * @param options - `jobIds` limits the snapshot; `lastEventId` asks for a replay
   * @returns the initial events and the way to unsubscribe
   */
  async subscribe(
    ownerId: string,
    subscriber: JobEventSubscriber,
    options: { readonly jobIds?: readonly string[]; readonly lastEventId?: number },
  ): Promise<JobSubscription> {
    const { jobIds } = options;
    const snapshot = async (): Promise<JobDto[]> => {
      const records =
        jobIds === undefined
          ? (await this.store.listByOwner(ownerId)).filter((record) => record.status === 'pending')
          : await Promise.all([...new Set(jobIds)].map((id) => this.owned(ownerId, id)));
      return records.flatMap((record) => (record === undefined ? [] : [this.view(record)]));
    };
    let start: SubscriptionStart;
    try {
      start = await this.bus.subscribe(ownerId, subscriber, options.lastEventId, snapshot);
    } catch (error) {
      // The attempt may have given the caller a sequence and log that nothing else will release.
      await this.detach(ownerId, subscriber);
      throw error;
    }
    let open = true;
    return {
      ...start,
      unsubscribe: async () => {
        if (!open) return;
        open = false;
        await this.detach(ownerId, subscriber);
      },
    };
  }

  /** Number of jobs some long-poll is waiting on, for tests and diagnostics. */
  get watchedJobCount(): number {
    return this.watchers.watchedJobCount;
  }

  /** Releases held long-polls and streams and stops every timer, so that the server can close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const end of this.waits) end();
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    await this.bus.closeAll();
  }

  private async owned(ownerId: string, id: string): Promise<JobRecord | undefined> {
    const record = await this.store.get(id);
    return record?.ownerId === ownerId ? record : undefined;
  }

  private view(record: JobRecord): JobDto {
    return toJobDto(record, this.clock.now(), this.config.pollMinMs);
  }

  private scheduleNext(record: JobRecord): void {
    const remaining = record.expectedCompletionAt - this.clock.now();
    const interval = this.config.progressIntervalMs;
    if (interval > 0 && remaining > interval) this.schedule(record.id, interval, () => this.progress(record));
    else this.schedule(record.id, Math.max(0, remaining), () => this.finish(record));
  }

  private async progress(record: JobRecord): Promise<void> {
    const next = progressed(record, this.clock.now());
    try {
      // Stored before it is published, so that a reader woken by the event sees this state or a later one.
      await this.store.update(next);
      await this.bus.publish(next.ownerId, this.view(next));
    } finally {
      // A failed tick costs one progress event, never the job's completion.
      this.scheduleNext(next);
    }
  }

  private async finish(record: JobRecord): Promise<void> {
    const done = finished(record, this.clock.now());
    // Scheduled first so that no failure below lets the job outlive its retention; should removal
    // overtake a slow update, the store keeps the job deleted.
    this.schedule(done.id, this.config.jobRetentionMs, () => this.remove(done));
    await this.store.update(done);
    this.logger.debug({ message: 'job finished', jobId: done.id, status: done.status });
    // Published after the update, so that a long-poll woken by it reads the final state.
    await this.bus.publish(done.ownerId, this.view(done));
  }

  private async remove(record: JobRecord): Promise<void> {
    await this.store.delete(record.id);
    await this.releaseIfIdle(record.ownerId);
  }

  private schedule(jobId: string, delayMs: number, step: () => Promise<void>): void {
    // A step that completes after shutdown must not start another timer, or the process could not exit.
    if (this.closing) return;
    const timer = this.clock.setTimer(() => {
      this.timers.delete(jobId);
      step().catch((error: unknown) => {
        this.logger.error({ message: 'job step failed', jobId }, error instanceof Error ? error.stack : String(error));
      });
    }, delayMs);
    this.timers.set(jobId, timer);
  }

  /** Ends a bus subscription and forgets the caller if it has nothing left; logs instead of failing. */
  private async detach(ownerId: string, subscriber: JobEventSubscriber): Promise<void> {
    try {
      await this.bus.unsubscribe(ownerId, subscriber);
      await this.releaseIfIdle(ownerId);
    } catch (error) {
      this.logger.error({ message: 'unsubscribe failed' }, error instanceof Error ? error.stack : String(error));
    }
  }

  private async releaseIfIdle(ownerId: string): Promise<void> {
    if ((await this.store.listByOwner(ownerId)).length === 0) await this.bus.release(ownerId);
  }
}
