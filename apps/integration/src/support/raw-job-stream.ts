import type { Job } from '@heygen-mock/contracts';
import { waitFor } from '@heygen-mock/testing';
import { EventSource } from 'eventsource';

/** One `job` event as a standard `EventSource` received it. */
export interface JobStreamEvent {
  /** The event's SSE id. */
  readonly id: number;
  readonly job: Job;
}

/** A standard `EventSource` on one server's `GET /status`, recording every `job` event. */
export interface RawJobStream {
  /** Every `job` event received so far, in order. */
  readonly events: readonly JobStreamEvent[];
  /** Closes the stream; it receives nothing more. Safe to call twice. */
  close(): void;
}

/** Options of {@link openRawJobStream}. */
export interface RawJobStreamOptions {
  /** Sent as `Last-Event-ID` on the first request: a resume from that event. @default none, a new subscription */
  readonly lastEventId?: string;
}

/**
 * Opens a standard `EventSource` (the `eventsource` package) on `url`'s event stream with a
 * caller key, and resolves once it is open: a witness beside the client under test that sees
 * what a server sends, straight from that server.
 *
 * @param url - the server's base URL (an instance itself, not a proxy in front of several)
 * @param apiKey - the caller key whose events to receive
 * @param options - a `Last-Event-ID` to resume from
 * @returns the open stream
 * @throws Error when it does not open within 10 s (it is closed then)
 */
export async function openRawJobStream(url: string, apiKey: string, options: RawJobStreamOptions = {}): Promise<RawJobStream> {
  const resume: Record<string, string> = options.lastEventId === undefined ? {} : { 'Last-Event-ID': options.lastEventId };
  const events: JobStreamEvent[] = [];
  const source = new EventSource(`${url}/status`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...resume, Authorization: `Bearer ${apiKey}` } }),
  });
  source.addEventListener('job', (event) => events.push({ id: Number(event.lastEventId), job: JSON.parse(event.data) as Job }));
  try {
    await waitFor(() => source.readyState === EventSource.OPEN, { what: `an EventSource on ${url}/status to open` });
  } catch (error) {
    source.close();
    throw error;
  }
  return { events, close: () => source.close() };
}
