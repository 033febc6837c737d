import type { EventSourceMessage } from 'eventsource-parser';

/** One stream connection to open. @internal */
export interface StreamRequest {
  url: string;
  /** `Authorization` and, when resuming, `Last-Event-ID`. */
  headers: Record<string, string>;
  /** Aborting it closes the connection. */
  signal: AbortSignal;
}

/** Callbacks of an open stream. @internal */
export interface StreamHandlers {
  /** The server accepted the stream. */
  open(): void;
  /** One parsed event. */
  event(message: EventSourceMessage): void;
  /** Bytes arrived (events or heartbeat comments): the connection is alive. */
  bytes(): void;
}

/**
 * Opens an event stream and settles when it ends: resolves when the server closes it, rejects
 * with the failure otherwise. Two implementations: fetch streaming and an `EventSource` class.
 *
 * @internal
 */
export type OpenStream = (request: StreamRequest, handlers: StreamHandlers) => Promise<void>;
