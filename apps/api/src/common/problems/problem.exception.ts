import { HttpException } from '@nestjs/common';
import { PROBLEM_TYPES, type ProblemKind } from './problem-types.js';
import type { ValidationIssue } from './validation-issue.js';

const STATUS: Record<ProblemKind, number> = {
  validation: 400,
  unauthorized: 401,
  jobNotFound: 404,
  routeNotFound: 404,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  tooManyPendingJobs: 429,
  createRateExceeded: 429,
  tooManyStreams: 429,
  tooManyWaits: 429,
  jobCapacityReached: 503,
  streamCapacityReached: 503,
  storeUnavailable: 503,
  internal: 500,
};

/**
 * The problems a retry may get past, sent with `Retry-After`: 429 for a caller's own limits, 503
 * for the server's, and for a shared store that cannot be reached for the moment.
 */
export type LimitKind = 'tooManyPendingJobs' | 'createRateExceeded' | 'tooManyStreams' | 'tooManyWaits' | 'jobCapacityReached' | 'streamCapacityReached' | 'storeUnavailable';

/**
 * An error the API reports on purpose, rendered as `application/problem+json` by the problem
 * filter. The HTTP status follows from the kind, so a kind cannot be sent with the wrong status.
 */
export class ProblemException extends HttpException {
  override name = 'ProblemException' as const;

  /**
   * @param kind - which entry of {@link PROBLEM_TYPES} this is
   * @param detail - an explanation specific to this occurrence
   * @param errors - for validation problems, everything found wrong
   * @param cause - the underlying error, if any
   * @param retryAfterMs - for limits (429, 503), when a retry may succeed; sent as `Retry-After`
   */
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: readonly ValidationIssue[],
    cause?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super({ type: PROBLEM_TYPES[kind].type, detail }, STATUS[kind], { cause });
  }

  /**
   * Builds the problem of a limit that was reached.
   *
   * @param kind - which limit
   * @param detail - the limit, in words
   * @param retryAfterMs - when a retry may succeed
   * @returns the exception to throw
   */
  static limit(kind: LimitKind, detail: string, retryAfterMs: number): ProblemException {
    return new ProblemException(kind, detail, undefined, undefined, retryAfterMs);
  }

  /**
   * Builds a validation problem.
   *
   * @param errors - everything found wrong; the first one becomes the detail
   * @returns the exception to throw
   */
  static validation(errors: readonly ValidationIssue[]): ProblemException {
    const first = errors[0];
    const where = first === undefined ? '' : first.name === '' ? first.in : `${first.in} ${first.name}`;
    const detail = first === undefined ? 'The request is not valid.' : `${where}: ${first.detail}`;
    return new ProblemException('validation', detail, errors);
  }
}
