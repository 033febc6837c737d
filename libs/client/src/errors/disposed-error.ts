import { HeyGenError } from './heygen-error.js';

/** The client was disposed while the operation was pending, or used after `dispose()`. */
export class DisposedError extends HeyGenError {
  override name = 'DisposedError' as const;
  override readonly code = 'ERR_DISPOSED' as const;
}
