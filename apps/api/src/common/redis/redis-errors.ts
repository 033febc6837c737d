/** Codes of socket errors that mean Redis is not there, as ioredis passes them on. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * Tells a command that failed because Redis could not be reached (the connection is closed or
 * down, and ioredis gave up on it) from one Redis answered with an error, which is a bug.
 *
 * @param error - what a command rejected with
 * @returns whether a retry may succeed once Redis is back
 */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError' || error.message === 'Connection is closed.') return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}
