import type { AbortError } from './abort-error.js';
import type { DisposedError } from './disposed-error.js';
import type { HttpError } from './http-error.js';
import type { JobFailedError } from './job-failed-error.js';
import type { JobNotFoundError } from './job-not-found-error.js';
import type { ListenerNotFoundError } from './listener-not-found-error.js';
import type { MessageParseError } from './message-parse-error.js';
import type { NetworkError } from './network-error.js';
import type { SSEError } from './sse-error.js';
import type { TimeoutError } from './timeout-error.js';

/** Each stable error code and the class that carries it; {@link isHeyGenError} narrows by it. */
export interface HeyGenErrorCodes {
  ERR_ABORTED: AbortError;
  ERR_DISPOSED: DisposedError;
  ERR_HTTP: HttpError;
  ERR_JOB_FAILED: JobFailedError;
  ERR_JOB_NOT_FOUND: JobNotFoundError;
  ERR_LISTENER_NOT_FOUND: ListenerNotFoundError;
  ERR_MESSAGE_PARSE: MessageParseError;
  ERR_NETWORK: NetworkError;
  ERR_SSE: SSEError;
  ERR_TIMEOUT: TimeoutError;
}
