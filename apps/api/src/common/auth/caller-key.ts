import { hash } from 'node:crypto';

// [README] 16 to 128 characters from `A-Z a-z 0-9 . _ ~ -`.
const BEARER = /^Bearer +([A-Za-z0-9._~-]{16,128})$/i;

/**
 * Derives the caller identity from an `Authorization` header value. The server never keeps the
 * key itself: the identity is its SHA-256 hash, so a leaked memory dump does not leak keys.
 *
 * @param authorization - the raw header value, if any
 * @returns the hex SHA-256 of the key, or `undefined` when the header is missing or malformed
 */
export function callerIdFromAuthorization(authorization: string | undefined): string | undefined {
  const key = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
  // One-shot `hash` costs a fraction of a microsecond, so no cache of keys is kept in memory.
  return key === undefined ? undefined : hash('sha256', key, 'hex');
}
