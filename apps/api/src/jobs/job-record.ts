import type { JobErrorDto } from './dto/job-error.dto.js';
import type { JobDto } from './dto/job.dto.js';
import type { JobOutcome, JobStatus } from './dto/job-status.js';
import { LruMap } from '../common/cache/lru-map.js';
import { progressAt, reachedAt } from './job-progress.js';

/**
 * The server's own record of a job; never sent as is. Times are epoch milliseconds. It holds the
 * plan and the status, not the progress, which follows from them and the time (see
 * `job-progress.ts`): a record changes once, when the job ends. A record is a value: a change
 * of state is a new record written to the job store.
 */
export interface JobRecord {
  readonly id: string;
  /** SHA-256 of the owner's key. */
  readonly ownerId: string;
  /** How the job will end, decided at creation. */
  readonly outcome: JobOutcome;
  readonly createdAt: number;
  readonly expectedCompletionAt: number;
  readonly status: JobStatus;
  readonly completedAt: number | null;
  readonly error: JobErrorDto | null;
  /**
   * The id of the event of the job's last status change (its creation, then its end). Stored
   * with the record, so that after a restart a stream resumes after a `Last-Event-ID` from
   * before it with exactly the status changes it missed.
   */
  readonly eventId: number;
}

/**
 * The public view of a job at a moment.
 *
 * @param record - the job
 * @param now - the current time, for the progress and the polling hint
 * @param pollMinMs - the smallest hint to give
 * @returns the DTO sent to callers
 */
export function toJobDto(record: JobRecord, now: number, pollMinMs: number): JobDto {
  const { completedAt } = record;
  const pending = completedAt === null;
  // A failed job keeps the progress it had reached when it ended.
  const progress = pending ? progressAt(record, now) : record.status === 'completed' ? 100 : progressAt(record, completedAt);
  return {
    id: record.id,
    status: record.status,
    progress,
    createdAt: iso(record.createdAt),
    updatedAt: iso(pending ? reachedAt(record, progress) : completedAt),
    expectedCompletionAt: iso(record.expectedCompletionAt),
    completedAt: pending ? null : iso(completedAt),
    error: record.error === null ? null : { ...record.error },
    pollAfterMs: pending ? Math.max(pollMinMs, Math.ceil(record.expectedCompletionAt - now)) : null,
  };
}

/** Recent conversions: a job's times stay the same across its reads, and formatting dominates a read. */
const isoByMs = new LruMap<number, string>(4096);

function iso(ms: number): string {
  return isoByMs.get(ms) ?? isoByMs.set(ms, new Date(ms).toISOString());
}
