import type { EventSourceConstructor } from './event-source-stream.js';
import { fetchEventStreamIfAble } from './fetch-event-stream.js';
import type { OpenStream } from './open-stream.js';

/**
 * `pick-stream.ts` in the browser build: always fetch streaming. A browser's own `EventSource`
 * cannot send the `Authorization` header, and the `EventSource` option, meant for Node, is
 * ignored here.
 *
 * @param _EventSourceClass - ignored
 * @param fetchFn - the fetch implementation
 * @returns the way to open the stream; `undefined` when the browser cannot stream a response
 * @internal
 */
export function pickStream(_EventSourceClass: EventSourceConstructor | undefined, fetchFn: typeof fetch): OpenStream | undefined {
  return fetchEventStreamIfAble(fetchFn);
}
