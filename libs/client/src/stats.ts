/** Counters of what the client did, read through `client.stats`. */
export interface ClientStats {
  /** Every HTTP request, streams included. */
  readonly requests: number;
  /** Status reads: single reads, batch reads, long-polls and reconciliation reads. */
  readonly statusRequests: number;
  /** `POST /create` requests. */
  readonly createRequests: number;
  /** Stream connection attempts. */
  readonly streamConnects: number;
  /** Stream connection attempts after a failed or lost one. */
  readonly reconnects: number;
  /** Moves from the stream to polling after a disruption. */
  readonly fallbacks: number;
  /** Moves back to the stream once it worked again. */
  readonly recoveries: number;
  /** `job` events received on the stream. */
  readonly eventsReceived: number;
}
