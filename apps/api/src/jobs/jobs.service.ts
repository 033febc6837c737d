import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { ProblemException } from '../common/problems/problem.exception.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { RANDOM, type RandomSource } from '../common/time/random.js';
import type { CreateJobDto } from './dto/create-job.dto.js';
import type { JobDto } from './dto/job.dto.js';
import type { JobEventSubscriber } from './events/job-event.js';
import { JobEventHub, type SubscriptionStart } from './events/job-event-hub.js';
import { planJob } from './job-plan.js';
import { type JobRecord, toJobDto } from './job-record.js';
import { JobWatchers } from './job-watchers.js';

/** Result of a batch read. */
export interface JobBatch {
  /** The caller's jobs among the ids, in request order, each once. */
  readonly jobs: JobDto[];
  /** Ids that are unknown or belong to someone else. */
  readonly notFound: string[];
}

/** An open event subscription. */
export interface JobSubscription extends SubscriptionStart {
  /** Ends the subscription; safe to call more than once. */
  unsubscribe(): void;
}

/**
 * Runs the simulated jobs and answers every question about them.
 *
 * A job lives in memory: created `pending`, it publishes a progress event every
 * `PROGRESS_INTERVAL_MS`, ends as planned at its expected completion, and is forgotten
 * `JOB_RETENTION_MS` later. Each job has at most one timer at a time.
 */
@Injectable()
export class JobsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly jobs = new Map<string, JobRecord>();
  private readonly jobsByOwner = new Map<string, Set<string>>();
  private readonly watchers = new JobWatchers();
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    private readonly hub: JobEventHub,
  ) {}

  /**
   * Creates and starts a job.
   *
   * @param ownerId - the creating caller
   * @param overrides - optional duration and outcome for this job
   * @returns the new job, `pending`
   */
  create(ownerId: string, overrides: CreateJobDto = {}): JobDto {
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
      timer: undefined,
    };
    this.jobs.set(record.id, record);
    let owned = this.jobsByOwner.get(ownerId);
    if (owned === undefined) this.jobsByOwner.set(ownerId, (owned = new Set()));
    owned.add(record.id);
    this.logger.debug({ message: 'job created', jobId: record.id, durationMs: plan.durationMs, outcome: plan.outcome });
    this.publish(record);
    this.scheduleNext(record);
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
  get(ownerId: string, id: string): JobDto {
    const record = this.owned(ownerId, id);
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
  getMany(ownerId: string, ids: readonly string[]): JobBatch {
    const jobs: JobDto[] = [];
    const notFound: string[] = [];
    for (const id of new Set(ids)) {
      const record = this.owned(ownerId, id);
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
    const pending = [...new Set(ids)].filter((id) => this.owned(ownerId, id)?.status === 'pending');
    const limit = Math.min(waitMs, this.config.longPollMaxMs);
    if (pending.length === 0 || limit <= 0 || signal?.aborted === true || this.shutdown.signal.aborted) return;

    await new Promise<void>((resolve) => {
      const done = (): void => {
        stopWatching();
        timer.cancel();
        signal?.removeEventListener('abort', done);
        this.shutdown.signal.removeEventListener('abort', done);
        resolve();
      };
      const stopWatching = this.watchers.watch(pending, done);
      const timer = this.clock.setTimer(done, limit);
      signal?.addEventListener('abort', done, { once: true });
      this.shutdown.signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Subscribes to the caller's job events. Without `lastEventId`, or when the replay log no
   * longer reaches back to it, the subscription starts with a snapshot: the caller's pending
   * jobs, or with `jobIds` each listed job whatever its status.
   *
   * @param ownerId - the subscribing caller
   * @param subscriber - receives live events
   * @param options - `jobIds` limits the snapshot; `lastEventId` asks for a replay
   * @returns the initial events and the way to unsubscribe
   */
  subscribe(
    ownerId: string,
    subscriber: JobEventSubscriber,
    options: { readonly jobIds?: readonly string[]; readonly lastEventId?: number },
  ): JobSubscription {
    const snapshot = (): JobDto[] => {
      const ids = options.jobIds === undefined ? [...(this.jobsByOwner.get(ownerId) ?? [])] : [...new Set(options.jobIds)];
      return ids
        .map((id) => this.owned(ownerId, id))
        .filter((record): record is JobRecord => record !== undefined && (options.jobIds !== undefined || record.status === 'pending'))
        .map((record) => this.view(record));
    };
    const start = this.hub.subscribe(ownerId, subscriber, options.lastEventId, snapshot);
    let open = true;
    return {
      ...start,
      unsubscribe: () => {
        if (!open) return;
        open = false;
        this.hub.unsubscribe(ownerId, subscriber);
        if (!this.jobsByOwner.has(ownerId)) this.hub.release(ownerId);
      },
    };
  }

  /** Number of jobs held in memory, for tests and diagnostics. */
  get size(): number {
    return this.jobs.size;
  }

  /** Number of jobs some long-poll is waiting on, for tests and diagnostics. */
  get watchedJobCount(): number {
    return this.watchers.watchedJobCount;
  }

  /** Releases held long-polls and streams and stops every timer, so that the server can close. */
  beforeApplicationShutdown(): void {
    this.shutdown.abort();
    this.hub.closeAll();
    for (const record of this.jobs.values()) record.timer?.cancel();
  }

  private owned(ownerId: string, id: string): JobRecord | undefined {
    const record = this.jobs.get(id);
    return record?.ownerId === ownerId ? record : undefined;
  }

  private view(record: JobRecord): JobDto {
    return toJobDto(record, this.clock.now(), this.config.pollMinMs);
  }

  private publish(record: JobRecord): void {
    this.hub.publish(record.ownerId, this.view(record));
  }

  private scheduleNext(record: JobRecord): void {
    const remaining = record.expectedCompletionAt - this.clock.now();
    const interval = this.config.progressIntervalMs;
    record.timer =
      interval > 0 && remaining > interval
        ? this.clock.setTimer(() => this.progress(record), interval)
        : this.clock.setTimer(() => this.finish(record), Math.max(0, remaining));
  }

  private progress(record: JobRecord): void {
    const now = this.clock.now();
    const duration = record.expectedCompletionAt - record.createdAt;
    // Only completion reports 100, so a progress event can never be mistaken for the end.
    record.progress = Math.min(99, Math.floor(((now - record.createdAt) * 100) / Math.max(1, duration)));
    record.updatedAt = now;
    this.publish(record);
    this.scheduleNext(record);
  }

  private finish(record: JobRecord): void {
    const now = this.clock.now();
    record.status = record.outcome;
    record.updatedAt = now;
    record.completedAt = now;
    if (record.outcome === 'completed') record.progress = 100;
    else record.error = { code: 'simulated-failure', message: 'The simulated job failed.' };
    this.logger.debug({ message: 'job finished', jobId: record.id, status: record.status });
    this.publish(record);
    this.watchers.notify(record.id);
    record.timer = this.clock.setTimer(() => this.remove(record), this.config.jobRetentionMs);
  }

  private remove(record: JobRecord): void {
    this.jobs.delete(record.id);
    const owned = this.jobsByOwner.get(record.ownerId);
    owned?.delete(record.id);
    if (owned?.size === 0) {
      this.jobsByOwner.delete(record.ownerId);
      this.hub.release(record.ownerId);
    }
  }
}
