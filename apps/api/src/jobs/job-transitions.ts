import type { JobRecord } from './job-record.js';

/**
 * A pending job's state after a progress tick: the share of its planned duration elapsed.
 *
 * @param record - the pending job
 * @param now - the tick's time, epoch milliseconds
 * @returns the new state
 */
export function progressed(record: JobRecord, now: number): JobRecord {
  const duration = record.expectedCompletionAt - record.createdAt;
  // Only completion reports 100, so a progress event can never be mistaken for the end.
  const progress = Math.min(99, Math.floor(((now - record.createdAt) * 100) / Math.max(1, duration)));
  return { ...record, progress, updatedAt: now };
}

/**
 * A job's state once it ends with its planned outcome. A failed job keeps its last progress.
 *
 * @param record - the pending job
 * @param now - the end time, epoch milliseconds
 * @returns the terminal state
 */
export function finished(record: JobRecord, now: number): JobRecord {
  const ended = { ...record, status: record.outcome, updatedAt: now, completedAt: now };
  return record.outcome === 'completed'
    ? { ...ended, progress: 100 }
    : { ...ended, error: { code: 'simulated-failure', message: 'The simulated job failed.' } };
}
