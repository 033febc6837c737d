import type { JobRecord } from './job-record.js';

/**
 * A simulated job's progress is a function of its plan and the time, so it is computed when
 * read and never stored: a pending job's record changes only when the job ends.
 */

function durationOf(record: JobRecord): number {
  return Math.max(1, record.expectedCompletionAt - record.createdAt);
}

/**
 * The percentage a pending job has reached at a moment: the share of its planned duration
 * elapsed, rounded down. Only completion reports 100, so progress can never be mistaken for the
 * end.
 *
 * @param record - the job
 * @param at - epoch milliseconds
 * @returns 0 to 99
 */
export function progressAt(record: JobRecord, at: number): number {
  return Math.min(99, Math.max(0, Math.floor(((at - record.createdAt) * 100) / durationOf(record))));
}

/**
 * When a pending job reached a percentage: its `updatedAt` while it shows that progress.
 *
 * @param record - the job
 * @param progress - a percentage from 0 to 99
 * @returns epoch milliseconds
 */
export function reachedAt(record: JobRecord, progress: number): number {
  return progress === 0 ? record.createdAt : record.createdAt + Math.ceil((progress * durationOf(record)) / 100);
}

/**
 * When the next progress event of a pending job is due: no sooner than `intervalMs` from now and
 * not before its progress changes, so that a day-long job costs one timer every 1 % of its
 * duration rather than one per interval.
 *
 * @param record - the pending job
 * @param now - epoch milliseconds
 * @param intervalMs - `PROGRESS_INTERVAL_MS`, above 0
 * @returns epoch milliseconds; at or after the job's expected completion when no progress event
 *   comes before it
 */
export function nextProgressAt(record: JobRecord, now: number, intervalMs: number): number {
  const next = progressAt(record, now) + 1;
  return next > 99 ? record.expectedCompletionAt : Math.max(now + intervalMs, reachedAt(record, next));
}

/**
 * A job's record once it ends with its planned outcome.
 *
 * @param record - the pending job
 * @param now - the end time, epoch milliseconds
 * @returns the terminal record
 */
export function finished(record: JobRecord, now: number): JobRecord {
  return record.outcome === 'completed'
    ? { ...record, status: 'completed', completedAt: now }
    : { ...record, status: 'error', completedAt: now, error: { code: 'simulated-failure', message: 'The simulated job failed.' } };
}
