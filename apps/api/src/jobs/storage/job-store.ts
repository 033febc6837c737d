import type { Awaitable } from '../../common/async/awaitable.js';
import type { JobRecord } from '../job-record.js';

/**
 * Where jobs are kept. The jobs service reads and writes jobs only through this interface, so a
 * persistent or shared store can replace the in-memory default without touching the service or
 * the controllers. Every method may answer synchronously or with a promise; every one costs
 * O(1) in the number of jobs, but for the pages of {@link JobStore.pagesByOwner} and
 * {@link JobStore.pages}.
 *
 * Records are values: the service never mutates one it has handed over, it stores a new one.
 */
export interface JobStore {
  /**
   * Stores a new job.
   *
   * @param record - a job whose id is not stored yet
   */
  insert(record: JobRecord): Awaitable<void>;

  /**
   * Reads a job, whoever owns it; the service checks ownership.
   *
   * @param id - the job id, lower case
   * @returns the job, or `undefined` when it is not stored
   */
  get(id: string): Awaitable<JobRecord | undefined>;

  /**
   * Replaces a pending job with its new state. A job deleted in the meantime stays deleted, and
   * a job that has ended keeps its end: when two instances finish the same job, one wins.
   *
   * @param record - the job's new state
   * @returns `true` when stored, `false` when the job is gone or had already ended
   */
  update(record: JobRecord): Awaitable<boolean>;

  /**
   * Forgets a job; nothing happens when it is not stored.
   *
   * @param id - the job id
   */
  delete(id: string): Awaitable<void>;

  /**
   * Reads an owner's jobs in the order of their `eventId` (their last status change), a page at
   * a time, so that a caller with many jobs never makes one long read.
   *
   * @param ownerId - the owner (SHA-256 of the caller key)
   * @param pageSize - most records per page
   * @returns the pages; none when the owner has no jobs
   */
  pagesByOwner(ownerId: string, pageSize: number): AsyncIterable<readonly JobRecord[]>;

  /**
   * Reads every stored job, a page at a time, in no particular order: what a starting server
   * re-arms.
   *
   * @param pageSize - most records per page
   * @returns the pages
   */
  pages(pageSize: number): AsyncIterable<readonly JobRecord[]>;

  /** @returns the highest `eventId` stored, 0 when there is none: event ids go on above it */
  lastEventId(): Awaitable<number>;

  /**
   * @param ownerId - the owner
   * @returns how many of the owner's jobs are pending
   */
  countPending(ownerId: string): Awaitable<number>;

  /** @returns the number of stored jobs, finished ones included */
  size(): Awaitable<number>;

  /**
   * Checks that a store in another process answers (for the readiness probe); stores in this
   * process have nothing to check and leave it out.
   *
   * @throws whatever the store's client throws when the store cannot be reached
   */
  ping?(): Promise<void>;
}

/** Dependency-injection token for the {@link JobStore}. */
export const JOB_STORE = Symbol('JOB_STORE');
