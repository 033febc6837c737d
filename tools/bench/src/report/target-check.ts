import type { TargetCheck } from './result-types.js';

/**
 * A target that this run did not measure: neither met nor missed.
 *
 * @param target - the target as worded in the report
 * @param why - what the run left out
 * @returns the check
 */
export function notMeasured(target: string, why: string): TargetCheck {
  return { target, measured: `not measured (${why})`, met: null, note: '' };
}

/**
 * Compares a measurement with an upper limit and says how far off it is.
 *
 * @param target - the target as worded in the report
 * @param value - the measurement
 * @param limit - the largest acceptable value
 * @param render - renders a value with its unit
 * @returns the check
 */
export function checkAtMost(target: string, value: number, limit: number, render: (v: number) => string): TargetCheck {
  const met = value <= limit;
  const share = Math.round((value / limit) * 100);
  // A share of the limit means nothing below zero, e.g. memory that shrank over a soak.
  const note = !met ? `missed by ${render(value - limit)} (${share - 100}% over)` : value < 0 ? 'below zero' : `${share}% of the limit`;
  return { target, measured: render(value), met, note };
}

/**
 * Compares a measurement with a lower bound and says how far off it is.
 *
 * @param target - the target as worded in the report
 * @param value - the measurement
 * @param minimum - the smallest acceptable value
 * @param render - renders a value with its unit
 * @returns the check
 */
export function checkAtLeast(target: string, value: number, minimum: number, render: (v: number) => string): TargetCheck {
  const met = value >= minimum;
  const share = Math.round((value / minimum) * 100);
  const note = met ? `${share}% of the minimum` : `missed by ${render(minimum - value)} (${100 - share}% under)`;
  return { target, measured: render(value), met, note };
}
