import type { JobDto } from '../dto/job.dto.js';

/**
 * One event of a caller's sequence: a job's whole state at a moment, not a change, so a later
 * event of the same job makes every earlier one redundant. Wire formats (SSE frames, JSON) are
 * made where the event leaves the server, never here.
 */
export interface JobEvent {
  /** Unique and increasing per caller; sent as the SSE `id`. */
  readonly id: number;
  /** The job's state. */
  readonly job: JobDto;
}

/** Receives a caller's live events; implemented by an SSE connection and by the long-poll watchers. */
export interface JobEventSubscriber {
  /** Delivers one event; called synchronously by the publisher. */
  send(event: JobEvent): void;
  /** Ends the subscription from the server side (shutdown). */
  close(): void;
}
