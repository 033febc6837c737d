import type { HeyGenError } from './heygen-error.js';

/**
 * Retry classification shared by every transport: network failures, timeouts, stream
 * disruptions, 408, 429 and 5xx are worth another try; any other 4xx means the request itself
 * is wrong and will fail again, so it fails fast.
 *
 * @param error - a transport-level error
 * @returns whether repeating the request may succeed
 */
export function isRetryable(error: HeyGenError): boolean {
  const status = error.status ?? 0;
  return status < 400 || status >= 500 || status == 408 || status == 429;
}
