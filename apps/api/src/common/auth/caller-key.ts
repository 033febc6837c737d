import { hash } from 'node:crypto';
import { LruMap } from '../cache/lru-map.js';

// [README] 16 to 128 characters from `A-Z a-z 0-9 . _ ~ -`.
const BEARER = /^Bearer +([A-Za-z0-9._~-]{16,128})$/i;

/**
 * How many recent `Authorization` values per cache generation keep their caller identity at
 * hand. A caller sends the same header with every request, and parsing and hashing it again cost
 * about a microsecond, a fortieth of a status read; the cache holds at most twice this many
 * entries, a few megabytes.
 */
const CACHED_HEADERS = 10_000;

const recentCallerIds = new LruMap<string, string>(CACHED_HEADERS);

/**
 * Derives the caller identity from an `Authorization` header value. The identity is the key's
 * SHA-256 hash, and that is all the server stores or logs; only the most recent headers are
 * kept in memory, beside their identity, so as not to hash a key on every request.
 *
 * @param authorization - the raw header value, if any
 * @returns the hex SHA-256 of the key, or `undefined` when the header is missing or malformed
 */
export function callerIdFromAuthorization(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const cached = recentCallerIds.get(authorization);
  if (cached !== undefined) return cached;
  const key = BEARER.exec(authorization.trim())?.[1];
  return key === undefined ? undefined : recentCallerIds.set(authorization, hash('sha256', key, 'hex'));
}
