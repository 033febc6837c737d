/**
 * Every key `JOB_STORE=redis` writes, in one place. All start with `REDIS_KEY_PREFIX`
 * (`heygen:` by default), so that deployments can share a Redis. Scripts touch keys of several
 * callers, so the layout is for a single Redis (with replicas if wanted), not Redis Cluster.
 */
export class RedisKeys {
  /** @param prefix - `REDIS_KEY_PREFIX` */
  constructor(readonly prefix: string) {}

  /** Hash: one job's record (see `RedisJobStore`). Expires after the job's retention. */
  job(jobId: string): string {
    return `${this.prefix}job:${jobId}`;
  }

  /** Sorted set: an owner's job ids by the event id of their last status change. */
  ownerJobs(ownerId: string): string {
    return `${this.prefix}owner:${ownerId}`;
  }

  /** Sorted set: every job id, by when it may be forgotten (`+inf` while pending): what `MAX_JOBS` counts. */
  get allJobs(): string {
    return `${this.prefix}jobs`;
  }

  /** Hash: owner id → number of pending jobs, for the per-caller quota. */
  get pendingCounts(): string {
    return `${this.prefix}pending`;
  }

  /** String: the highest event id stored with a job. */
  get lastEventId(): string {
    return `${this.prefix}last-event-id`;
  }

  /** String: the last event id issued, by any instance. */
  get eventSequence(): string {
    return `${this.prefix}event-seq`;
  }

  /** Stream: a caller's compacted event log, one entry per job; entry ids are the SSE ids. */
  events(callerId: string): string {
    return `${this.prefix}events:${callerId}`;
  }

  /** Hash: job id → its entry's id in the caller's stream, and `#top`: the last id written. */
  eventIndex(callerId: string): string {
    return `${this.prefix}events-index:${callerId}`;
  }

  /** Sorted set: job id → when its next step is due (epoch ms), or the lease of the instance running it. */
  get due(): string {
    return `${this.prefix}due`;
  }
}
