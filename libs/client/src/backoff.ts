/**
 * Capped exponential backoff with "equal jitter": `d = min(max, base × 2^attempt)`, then a
 * uniform draw from [d/2, d]. The random half spreads clients that failed together so they do
 * not retry together; the fixed half keeps the delay from collapsing to zero.
 *
 * @param attempt - 0 for the first retry
 * @param base - delay of the first retry, ms
 * @param max - cap, ms
 * @param random - source of [0, 1) numbers; injectable for tests
 * @returns the delay in milliseconds
 * @internal
 */
export function backoff(attempt: number, base: number, max: number, random = Math.random): number {
  const delay = Math.min(max, base * 2 ** attempt);
  return delay / 2 + (random() * delay) / 2;
}
