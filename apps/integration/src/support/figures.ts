/**
 * Prints what a scenario measured when `E2E_FIGURES=1`, one JSON line on stderr, so a run can
 * be reported without the assertions depending on the figures.
 *
 * @param scenario - a short label
 * @param figures - anything JSON-serialisable
 */
export function logFigures(scenario: string, figures: Record<string, unknown>): void {
  if (process.env['E2E_FIGURES'] !== '1') return;
  process.stderr.write(`${JSON.stringify({ scenario, ...figures })}\n`);
}

/**
 * Prints a figure a scenario exists to report, on every run, as one line on stderr. It is a
 * figure, never a bound: the benchmark measures it properly (`tools/bench`).
 *
 * @param scenario - a short label
 * @param text - the figure, with its unit
 */
export function printFigure(scenario: string, text: string): void {
  process.stderr.write(`[figure] ${scenario}: ${text}\n`);
}

/**
 * The median of some values.
 *
 * @param values - samples
 * @returns the middle value (the lower of the two middle ones for an even count), or NaN when empty
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
