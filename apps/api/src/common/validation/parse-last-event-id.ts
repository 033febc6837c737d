import { ProblemException } from '../problems/problem.exception.js';

/**
 * Parses the `Last-Event-ID` header of an SSE reconnect. Event ids of this API are decimal
 * integers; an absent or empty header means a new subscription.
 *
 * @param value - the raw header value
 * @returns the id, or `undefined` for a new subscription
 * @throws {@link ProblemException} `validation` for anything but a decimal integer
 */
export function parseLastEventId(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  const id = /^\d{1,16}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    throw ProblemException.validation([{ in: 'header', name: 'Last-Event-ID', detail: 'must be an event id sent by this server' }]);
  }
  return id;
}
