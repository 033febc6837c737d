/**
 * Runs `measure` once for every key in each round, in the keys' order in odd rounds and in the
 * reverse order in even ones, so that a change in the machine's other work falls on every key
 * alike. One measurement at a time.
 *
 * @param keys - what is measured in each round, e.g. servers or configurations
 * @param rounds - the number of rounds
 * @param measure - one measurement of one key
 * @param onResult - called after each measurement, e.g. to log it
 * @returns every key's results in round order
 * @example
 * const byServer = await inAlternatingRounds(['a', 'b'], 3, (s) => load(s));
 * // measured a, b, then b, a, then a, b
 */
export async function inAlternatingRounds<K, T>(
  keys: readonly K[],
  rounds: number,
  measure: (key: K) => Promise<T>,
  onResult: (key: K, round: number, result: T) => void = () => undefined,
): Promise<Map<K, T[]>> {
  const results = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const key of round % 2 === 0 ? keys : [...keys].reverse()) {
      const result = await measure(key);
      results.get(key)?.push(result);
      onResult(key, round + 1, result);
    }
  }
  return results;
}
