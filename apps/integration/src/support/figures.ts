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
