import { HeyGenError } from './heygen-error.js';

/** A wait or request took longer than its allowed time. */
export class TimeoutError extends HeyGenError {
  override name = 'TimeoutError' as const;
  override readonly code = 'ERR_TIMEOUT' as const;
}
