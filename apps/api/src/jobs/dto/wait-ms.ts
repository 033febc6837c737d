import type { TransformFnParams } from 'class-transformer';

/** Longest long-poll the contract allows; the server may cap it lower with `LONG_POLL_MAX_MS`. */
export const MAX_WAIT_MS = 30_000;

/**
 * Turns a query-string number into a number only when it is plain decimal digits, with an
 * optional minus sign, so that `''`, `'1e3'` or `' 5'` fail validation as not integers instead
 * of silently becoming numbers, and `-1` fails as below the minimum.
 *
 * @param params - class-transformer's view of the raw value
 * @returns the number, or the raw value for the validator to reject
 */
export function toQueryInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value;
}
