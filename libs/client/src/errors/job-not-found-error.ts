import { HeyGenError } from './heygen-error.js';

/** The server does not know the job, or it belongs to another key (the server answers both the same way). */
export class JobNotFoundError extends HeyGenError {
  override name = 'JobNotFoundError' as const;
  override readonly code = 'ERR_JOB_NOT_FOUND' as const;
}
