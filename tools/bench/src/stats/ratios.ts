/**
 * How many times larger `value` is than `baseline`.
 *
 * @param value - the measured figure
 * @param baseline - the naive baseline's figure for the same case
 * @returns `value / baseline`, or `null` when either is missing or the baseline is not positive
 * @example ratio(5, 500) // 0.01
 */
export function ratio(value: number | null | undefined, baseline: number | null | undefined): number | null {
  if (value === null || value === undefined || baseline === null || baseline === undefined) return null;
  if (!(baseline > 0) || !Number.isFinite(value)) return null;
  return value / baseline;
}

/**
 * Renders a ratio for a table: `0.012×`, `0.45×`, `3.1×`, `120×`, or `–` when there is none.
 *
 * @param value - a ratio from {@link ratio}
 * @returns two significant digits (at least one decimal below 10) followed by `×`
 */
export function formatRatio(value: number | null): string {
  if (value === null) return '–';
  if (value === 0) return '0×';
  const digits = value >= 10 ? 0 : Math.max(1, 1 - Math.floor(Math.log10(value)));
  return `${value.toFixed(digits)}×`;
}
