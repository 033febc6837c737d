import { HeyGenError } from './heygen-error.js';

/** The event stream failed: refused, cut, silent past the heartbeat deadline, or not an event stream. The client reconnects or falls back; it never fails a job for this alone. */
export class SSEError extends HeyGenError {
  override name = 'SSEError' as const;
  override readonly code = 'ERR_SSE' as const;
}
