import { HeyGenError } from './heygen-error.js';

/** `stop(id)` was called for a job that has no `listen()` callback. */
export class ListenerNotFoundError extends HeyGenError {
  override name = 'ListenerNotFoundError' as const;
  override readonly code = 'ERR_LISTENER_NOT_FOUND' as const;
}
