import { HeyGenError } from './heygen-error.js';

/** A stream event whose data is not a job; the event is skipped. */
export class MessageParseError extends HeyGenError {
  override name = 'MessageParseError' as const;
  override readonly code = 'ERR_MESSAGE_PARSE' as const;
}
