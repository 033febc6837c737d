import type { JobDto } from '../dto/job.dto.js';

/** One entry of a caller's event sequence: a job's state at a moment, framed once for every connection. */
export interface JobEvent {
  /** Unique and increasing per caller; sent as the SSE `id`. */
  readonly id: number;
  /** The job the event is about, for `?ids=` filtering without parsing the frame. */
  readonly jobId: string;
  /** The job's state, for subscribers that act on it (long-polls) rather than forward it. */
  readonly job: JobDto;
  /** The complete `text/event-stream` frame. */
  readonly frame: string;
}

/** Receives a caller's live events; implemented by an SSE connection and by the long-poll watchers. */
export interface JobEventSubscriber {
  /** Delivers one event; called synchronously by the publisher. */
  send(event: JobEvent): void;
  /** Ends the subscription from the server side (shutdown). */
  close(): void;
}
