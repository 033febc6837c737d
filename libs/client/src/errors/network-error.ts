import { HeyGenError } from './heygen-error.js';

/** The request got no response: connection refused or reset, DNS failure, CORS, or a body that could not be read. */
export class NetworkError extends HeyGenError {
  override name = 'NetworkError' as const;
  override readonly code = 'ERR_NETWORK' as const;
}
