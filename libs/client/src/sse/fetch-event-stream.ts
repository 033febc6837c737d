import { createParser } from 'eventsource-parser';
import { httpError } from '../api.js';
import type { OpenStream } from './open-stream.js';

/**
 * Opens the stream with `fetch` and parses it with eventsource-parser: works in browsers and in
 * Node without any `EventSource`, and carries the key in a header.
 *
 * @param fetchFn - the fetch implementation
 * @internal
 */
export function fetchEventStream(fetchFn: typeof fetch): OpenStream {
  return async ({ url, headers, signal }, handlers) => {
    const response = await fetchFn(url, { headers: { ...headers, Accept: 'text/event-stream' }, signal });
    // [spec] a status other than 200, or a Content-Type other than text/event-stream, fails the
    // connection
    if (response.status != 200 || !/^text\/event-stream/.test(response.headers.get('content-type') ?? '')) {
      throw httpError(response);
    }
    handlers.open();
    const parser = createParser({ onEvent: handlers.event });
    const reader = (response.body as ReadableStream<BufferSource>).pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      handlers.bytes();
      parser.feed(value);
    }
  };
}

/**
 * {@link fetchEventStream} where `fetch` responses can be read as streams.
 *
 * @param fetchFn - the fetch implementation
 * @returns the way to open the stream, or `undefined` without `ReadableStream`
 * @internal
 */
export function fetchEventStreamIfAble(fetchFn: typeof fetch): OpenStream | undefined {
  return typeof ReadableStream == 'function' ? fetchEventStream(fetchFn) : undefined;
}
