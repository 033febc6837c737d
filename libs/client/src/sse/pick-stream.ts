import { eventSourceStream, type EventSourceConstructor } from './event-source-stream.js';
import { fetchEventStreamIfAble } from './fetch-event-stream.js';
import type { OpenStream } from './open-stream.js';

/**
 * How the client opens its event stream: through an `EventSource` class that the application
 * passed or installed globally, otherwise with fetch streaming where the platform has it.
 * A native `EventSource` is never used: it cannot send the `Authorization` header. The browser
 * build replaces this module with `pick-stream.browser.ts`, which leaves the `EventSource`
 * path out.
 *
 * @param EventSourceClass - the `EventSource` option
 * @param fetchFn - the fetch implementation
 * @returns the way to open the stream; `undefined` when the platform cannot stream
 * @internal
 */
export function pickStream(EventSourceClass: EventSourceConstructor | undefined, fetchFn: typeof fetch): OpenStream | undefined {
  const global = (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
  // One installed by the application (the `eventsource` package, as the earlier API required in
  // Node) can send the header.
  const chosen = EventSourceClass ?? (/native/.test(String(global)) ? undefined : global);
  return chosen ? eventSourceStream(chosen, fetchFn) : fetchEventStreamIfAble(fetchFn);
}
