import type { RequestKind } from './request-kind.js';

/** Counters a test or a benchmark reads to know what really crossed the network. */
export interface TcpProxyStats {
  /** Connections accepted since start (including the ones refused right after accepting). */
  readonly connections: number;
  /** Connections currently open. */
  readonly openConnections: number;
  /** Connections that carried a `GET /status` event stream. */
  readonly streamConnections: number;
  /** Event streams currently open. */
  readonly openStreams: number;
  /** Connections reset because every connection was being refused. */
  readonly refusedConnections: number;
  /** Event-stream requests reset because streams were being refused. */
  readonly refusedStreams: number;
  /** Connections cut by `cutAll()` or `cutStreams()`. */
  readonly cutConnections: number;
  /** Streams silenced by `stallStreams()`. */
  readonly stalledConnections: number;
  /** Bytes from the clients to the server (requests), as received. */
  readonly bytesUp: number;
  /** Bytes from the server to the clients (responses and streams), as forwarded. */
  readonly bytesDown: number;
  /** Server bytes dropped on stalled streams instead of being forwarded. */
  readonly droppedBytes: number;
  /** Upstream connection attempts that failed (a target refused: it is down); the next target was tried. */
  readonly targetFailures: number;
  /** Connections reset because no target could be reached. */
  readonly unreachableConnections: number;
  /** Connections made to each target, in the order of `targetPorts` (one entry for `targetPort`). */
  readonly targetConnections: readonly number[];
  /**
   * Event streams currently open through each target, in the same order: which instance holds a
   * stream, which a keep-alive client's connection counts alone cannot tell (a stream may reuse
   * a connection that carried other requests before).
   */
  readonly targetOpenStreams: readonly number[];
  /** HTTP requests seen on the client side, by kind (a keep-alive connection carries several). */
  readonly requests: Readonly<Record<RequestKind, number>>;
}
