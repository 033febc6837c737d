import { ProblemException } from '../problems/problem.exception.js';
import { isUuid } from './uuid.js';

/**
 * Parses a job id taken from the path and normalises it to lower case, the form ids are issued
 * in. A function the handler calls rather than a pipe: Nest runs every pipe of a parameter as a
 * chain of promises, which on `GET /status/{id}` cost more than the check itself.
 *
 * @param value - the raw path segment
 * @returns the id in lower case
 * @throws {@link ProblemException} `validation` when it is not a UUID
 */
export function parseJobId(value: string): string {
  if (!isUuid(value)) throw ProblemException.validation([{ in: 'path', name: 'id', detail: 'must be a UUID' }]);
  return value.toLowerCase();
}
