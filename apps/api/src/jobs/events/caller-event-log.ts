import type { JobEvent } from './job-event.js';

/**
 * A caller's replay log, compacted: the latest event of each of its jobs, in id order. A newer
 * state of a job replaces the older entry and moves to the end, so the log's size follows the
 * caller's jobs, not the events they publish. For any `Last-Event-ID`, the entries after it are
 * the latest states of the jobs that changed since.
 */
export class CallerEventLog {
  /** Entries by job id; a Map keeps insertion order, which is id order since ids only grow. */
  private readonly entries = new Map<string, JobEvent>();

  /** Number of entries, one per job. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Keeps an event as its job's latest entry.
   *
   * @param event - an event with an id above every entry's
   * @returns how the number of entries changed: 1 for a job new to the log, 0 otherwise
   */
  put(event: JobEvent): number {
    const known = this.entries.delete(event.job.id);
    this.entries.set(event.job.id, event);
    return known ? 0 : 1;
  }

  /**
   * Keeps an event unless the job already has an entry, which is then newer.
   *
   * @param event - a state read while the log was being built
   * @returns 1 when kept, 0 otherwise
   */
  putIfAbsent(event: JobEvent): number {
    return this.entries.has(event.job.id) ? 0 : this.put(event);
  }

  /**
   * Drops a job's entry (the job was deleted).
   *
   * @param jobId - the job
   * @returns -1 when there was an entry, 0 otherwise
   */
  remove(jobId: string): number {
    return this.entries.delete(jobId) ? -1 : 0;
  }

  /**
   * @param jobId - a job
   * @returns its latest entry, if any
   */
  get(jobId: string): JobEvent | undefined {
    return this.entries.get(jobId);
  }

  /**
   * The entries in id order. The iterator is live: an entry replaced while iterating is seen
   * again at the end, with its new id, so ids met stay increasing.
   *
   * @returns an iterator over the entries
   */
  values(): IterableIterator<JobEvent> {
    return this.entries.values();
  }
}
