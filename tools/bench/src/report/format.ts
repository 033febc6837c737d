/**
 * Milliseconds for a table: two decimals below 10, one below 100, whole numbers above.
 *
 * @param ms - a duration in milliseconds, or `null`
 * @returns the number without unit, or `–`
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return formatCount(Math.round(ms));
}

/**
 * A count with thousands separators: `10,000`; fractions keep two decimals below 100.
 *
 * @param n - the number
 * @returns the rendered number
 */
export function formatCount(n: number): string {
  if (!Number.isInteger(n) && Math.abs(n) < 100) return n.toFixed(2);
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Bytes in binary units: `512 B`, `1.5 KiB`, `3.2 MiB`.
 *
 * @param bytes - a byte count
 * @returns the rendered size
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${Math.round(bytes)} B`;
  if (abs < 1024 * 1024) return `${(bytes / 1024).toFixed(abs < 10 * 1024 ? 2 : 1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Bytes in decimal megabytes, the unit the abuse targets are stated in: `12.3 MB`.
 *
 * @param bytes - a byte count
 * @returns the rendered size, one decimal
 */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * A job duration in the largest whole unit: `500 ms`, `1 s`, `90 s`, `10 min`.
 *
 * @param ms - a duration in milliseconds
 * @returns the rendered duration
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
