import type { JobErrorDto } from './dto/job-error.dto.js';
import type { JobDto } from './dto/job.dto.js';
import type { JobOutcome, JobStatus } from './dto/job-status.js';

/**
 * The server's own record of a job; never sent as is. Times are epoch milliseconds. A record is a
 * value: a change of state is a new record written to the job store.
 */
export interface JobRecord {
  readonly id: string;
  /** SHA-256 of the owner's key. */
  readonly ownerId: string;
  readonly outcome: JobOutcome;
  readonly createdAt: number;
  readonly expectedCompletionAt: number;
  readonly status: JobStatus;
  readonly progress: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
  readonly error: JobErrorDto | null;
}

/**
 * The public view of a job at a moment.
 *
 * @param record - the job
 * @param now - the current time, for the polling hint
 * @param pollMinMs - the smallest hint to give
 * @returns the DTO sent to callers
 */
export function toJobDto(record: JobRecord, now: number, pollMinMs: number): JobDto {
  return {
    id: record.id,
    status: record.status,
    progress: record.progress,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    expectedCompletionAt: iso(record.expectedCompletionAt),
    completedAt: record.completedAt === null ? null : iso(record.completedAt),
    error: record.error === null ? null : { ...record.error },
    pollAfterMs: record.status === 'pending' ? Math.max(pollMinMs, Math.ceil(record.expectedCompletionAt - now)) : null,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
