/** Distribution of a set of measurements, in the unit of the measurements. */
export interface Summary {
  /** Number of measurements. */
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * The nearest-rank percentile of sorted values: the smallest value with at least `p` percent
 * of the values at or below it. It always returns a measured value (no interpolation), so the
 * p99 of ten values is the largest one, which is the honest answer for a small sample.
 *
 * @param sorted - values in ascending order, at least one
 * @param p - percentile in (0, 100]
 * @returns the percentile value
 * @throws RangeError when `sorted` is empty or `p` is out of range
 * @example percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('Expected `sorted` to hold at least one value.');
  if (!(p > 0 && p <= 100)) throw new RangeError('Expected `p` to be in (0, 100].');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/**
 * Summarises measurements: count, min, mean, p50, p95, p99 and max.
 *
 * @param values - measurements in any order; not modified
 * @returns the summary, or `null` when there is nothing to summarise
 */
export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  for (const value of sorted) total += value;
  return {
    count: sorted.length,
    min: sorted[0] as number,
    mean: total / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
  };
}

/**
 * The median: the middle value, or the mean of the two middle values of an even count. Used
 * for a few rounds of the same measurement, where one disturbed round must not decide.
 *
 * @param values - measurements in any order, at least one; not modified
 * @returns the median
 * @throws RangeError when `values` is empty
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('Expected `values` to hold at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The median of the values that were measured, leaving out the missing ones.
 *
 * @param values - measurements, `null` where there was none
 * @returns the median, or `null` when no value was measured
 * @example medianOrNull([3, null, 1]) // 2
 */
export function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : median(known);
}
