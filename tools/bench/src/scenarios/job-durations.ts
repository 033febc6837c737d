import { seededRandom } from '../stats/seeded-random.js';

/**
 * The durations of a case's jobs: all `minMs` when `maxMs` equals it, otherwise uniform in
 * [minMs, maxMs] from a seeded source, so every run of the bench uses the same durations.
 *
 * @param count - number of jobs
 * @param minMs - shortest duration
 * @param maxMs - longest duration
 * @param seed - seed of the random source
 * @returns whole milliseconds, one per job
 */
export function jobDurations(count: number, minMs: number, maxMs: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Math.round(minMs + (maxMs - minMs) * random()));
}
