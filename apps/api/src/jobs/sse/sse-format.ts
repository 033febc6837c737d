/** One event of a `text/event-stream`, as the fields the WHATWG HTML spec defines. */
export interface SseEventFields {
  /** `id:`; must not contain line breaks or NUL. */
  readonly id?: string;
  /** `event:`; the event type, `message` when omitted. */
  readonly event?: string;
  /** `data:`; may span lines, each sent as its own `data:` field. */
  readonly data: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Frames one event for a `text/event-stream` body.
 *
 * @param fields - the event
 * @returns the frame, ending with the blank line that dispatches it
 * @throws TypeError when `id` or `event` contains a line break, which would corrupt the stream
 * @example
 * ```ts
 * formatSseEvent({ id: '7', event: 'job', data: '{"id":"…"}' });
 * // 'id: 7\nevent: job\ndata: {"id":"…"}\n\n'
 * ```
 */
export function formatSseEvent(fields: SseEventFields): string {
  let frame = '';
  if (fields.id !== undefined) {
    // [spec] an id containing NUL is ignored by the client, and a line break would end the field.
    if (/[\r\n\0]/.test(fields.id)) throw new TypeError('Expected `id` to be free of line breaks and NUL.');
    frame += `id: ${fields.id}\n`;
  }
  if (fields.event !== undefined) {
    if (/[\r\n]/.test(fields.event)) throw new TypeError('Expected `event` to be free of line breaks.');
    frame += `event: ${fields.event}\n`;
  }
  // [spec] each line of the data is its own `data:` field; the client joins them with LF.
  for (const line of fields.data.split(LINE_BREAK)) frame += `data: ${line}\n`;
  return `${frame}\n`;
}

/**
 * Frames a comment, which clients ignore; it keeps idle connections and proxies alive.
 *
 * @param text - a single line of text
 * @returns the comment frame
 */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/**
 * Frames a `retry:` field, which sets the client's reconnection delay without dispatching an event.
 *
 * @param ms - the reconnection delay in milliseconds
 * @returns the frame
 */
export function formatSseRetry(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new TypeError('Expected `ms` to be a non-negative integer.');
  return `retry: ${ms}\n\n`;
}
