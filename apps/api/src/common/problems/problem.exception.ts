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
  internal: 500,
};

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
   */
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: readonly ValidationIssue[],
    cause?: unknown,
  ) {
    super({ type: PROBLEM_TYPES[kind].type, detail }, STATUS[kind], { cause });
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
