import { SSEError } from '../errors/sse-error.js';
import type { OpenStream } from './open-stream.js';

/** The part of an `EventSource` instance the client uses. */
export interface EventSourceLike {
  onopen: ((event: never) => unknown) | null;
  /** Typed loosely so that any `EventSource` fits; the client reads `message` and `code`. */
  onerror: ((event: never) => unknown) | null;
  addEventListener(type: 'job', listener: (event: { data: string; lastEventId: string }) => unknown): void;
  close(): void;
}

/** The init object the client passes: a fetch that adds the key header. */
export interface EventSourceLikeInit {
  fetch(url: string | URL, init: { headers?: Record<string, string>; signal?: unknown }): Promise<Response>;
}

/**
 * An `EventSource` class whose constructor accepts `{ fetch }`, as the `eventsource` package
 * (v4) does; that fetch is how the `Authorization` header gets onto the request.
 */
export type EventSourceConstructor = new (url: string, init: EventSourceLikeInit) => EventSourceLike;

/**
 * Opens the stream through an `EventSource` class. The class's own reconnection is disabled
 * (closed on the first error) because the transport reconnects with its own backoff, URL and
 * `Last-Event-ID`. The response body is tapped so that heartbeat comments, which
 * `EventSource` never surfaces, still prove the connection alive.
 *
 * @param EventSourceClass - the implementation
 * @param fetchFn - the fetch implementation it should use
 * @internal
 */
export function eventSourceStream(EventSourceClass: EventSourceConstructor, fetchFn: typeof fetch): OpenStream {
  return ({ url, headers, signal }, handlers) =>
    new Promise((_resolve, reject) => {
      const source = new EventSourceClass(url, {
        fetch: async (input, init) => {
          const response = await fetchFn(input, { ...init, headers: { ...init.headers, ...headers } } as RequestInit);
          const tap = new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              handlers.bytes();
              controller.enqueue(chunk);
            },
          });
          return new Response(response.body?.pipeThrough(tap), response);
        },
      });
      const end = (error: unknown): void => {
        source.close();
        reject(error);
      };
      source.onopen = handlers.open;
      source.onerror = (event: { message?: string; code?: number }) =>
        end(new SSEError(`Stream failed: ${event.message}`, { status: event.code }));
      source.addEventListener('job', (event) => handlers.event({ event: 'job', id: event.lastEventId, data: event.data }));
      signal.addEventListener('abort', () => end(signal.reason));
    });
}
