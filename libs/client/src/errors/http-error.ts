import type { Problem } from '@heygen-mock/contracts';
import { HeyGenError } from './heygen-error.js';

/**
 * A response with a non-success HTTP status. `status` and, for 429 and 503, `retryAfterMs` tell
 * what to do; `problem` is the RFC 9457 body when the server sent one.
 */
export class HttpError extends HeyGenError {
  override name = 'HttpError' as const;
  override readonly code = 'ERR_HTTP' as const;
  /** The problem+json document of the response, when it had one. */
  declare readonly problem?: Problem;
}
