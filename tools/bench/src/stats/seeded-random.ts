/**
 * A small deterministic random source (mulberry32), so that "spread" job durations are the
 * same from run to run and runs can be compared.
 *
 * @param seed - any 32-bit integer
 * @returns a function returning numbers in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
