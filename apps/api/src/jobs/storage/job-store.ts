import type { Awaitable } from '../../common/async/awaitable.js';
import type { JobRecord } from '../job-record.js';

/**
 * Where jobs are kept. The jobs service reads and writes jobs only through this interface, so a
 * persistent or shared store can replace the in-memory default without touching the service or
 * the controllers. Every method may answer synchronously or with a promise.
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
   * Replaces a stored job with its new state. A job deleted in the meantime stays deleted.
   *
   * @param record - the job's new state
   */
  update(record: JobRecord): Awaitable<void>;

  /**
   * Forgets a job; nothing happens when it is not stored.
   *
   * @param id - the job id
   */
  delete(id: string): Awaitable<void>;

  /**
   * Lists an owner's jobs, oldest first.
   *
   * @param ownerId - the owner (SHA-256 of the caller key)
   * @returns the owner's jobs; empty when there are none
   */
  listByOwner(ownerId: string): Awaitable<readonly JobRecord[]>;

  /** @returns the number of stored jobs, for tests and diagnostics */
  size(): Awaitable<number>;
}

/** Dependency-injection token for the {@link JobStore}. */
export const JOB_STORE = Symbol('JOB_STORE');
