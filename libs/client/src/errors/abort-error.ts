import { HeyGenError } from './heygen-error.js';

/** The caller aborted the operation with an `AbortSignal`; `cause` is the signal's reason. */
export class AbortError extends HeyGenError {
  override name = 'AbortError' as const;
  override readonly code = 'ERR_ABORTED' as const;
}
