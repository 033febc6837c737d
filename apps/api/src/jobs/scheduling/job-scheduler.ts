import type { Awaitable } from '../../common/async/awaitable.js';

/** Runs the work that falls due for a job: a progress event, its completion or its expiry. */
export type DueWork = (jobId: string) => Promise<void>;

/**
 * Holds one due time per job and calls back when it comes. Every step of the simulation goes
 * through it, so a shared scheduler can run them on whichever instance is alive, each once.
 */
export interface JobScheduler {
  /**
   * `true` when due times are kept outside this process and outlive it (a shared scheduler):
   * a starting server then re-arms only what has no due time.
   */
  readonly shared?: boolean;

  /**
   * Starts calling `work` for jobs that fall due.
   *
   * @param work - the jobs service's step
   */
  start(work: DueWork): Awaitable<void>;

  /**
   * Sets the job's due time, replacing the one it had. The work runs once the clock has reached
   * `dueAt`, never before.
   *
   * @param jobId - the job
   * @param dueAt - epoch milliseconds
   */
  schedule(jobId: string, dueAt: number): Awaitable<void>;

  /**
   * Sets the job's due time unless it has one: what a starting instance does for the jobs that
   * a shared scheduler may already hold.
   *
   * @param jobId - the job
   * @param dueAt - epoch milliseconds
   * @returns whether it was set
   */
  scheduleIfAbsent(jobId: string, dueAt: number): Awaitable<boolean>;

  /**
   * Drops the job's due time, if any.
   *
   * @param jobId - the job
   */
  cancel(jobId: string): Awaitable<void>;

  /** Stops calling back and drops every timer of this process, so that it can exit. */
  stop(): Awaitable<void>;
}

/** Dependency-injection token for the {@link JobScheduler}. */
export const JOB_SCHEDULER = Symbol('JOB_SCHEDULER');
