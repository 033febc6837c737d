import type { Job } from '@heygen-mock/contracts';
import { HeyGenError } from './heygen-error.js';

/** The job itself ended in `error`; `job` holds its final state and `job.error` the reason. */
export class JobFailedError extends HeyGenError {
  override name = 'JobFailedError' as const;
  override readonly code = 'ERR_JOB_FAILED' as const;
  /** The failed job as last reported by the server. */
  declare readonly job: Job;

  /**
   * @param job - the job in its final `error` state
   */
  constructor(job: Job) {
    super(`Job ${job.id} failed: ${job.error?.message}`, { jobId: job.id });
    this.job = job;
  }
}
