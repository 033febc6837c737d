import type { EventSourceMessage } from 'eventsource-parser';
import { backoff } from '../backoff.js';
import { isHeyGenError, type HeyGenError } from '../errors/heygen-error.js';
import { SSEError } from '../errors/sse-error.js';
import type { OpenStream } from '../sse/open-stream.js';
import { parseJobEvent } from '../sse/parse-job-event.js';
import type { JobTransport, TransportContext } from './transport.js';

/** A connection that lasted this long was healthy: its loss starts the failure count afresh. */
const STABLE_MS = 5000;

/**
 * Consecutive failed stream attempts after which the client falls back to polling: one cut is
 * common and harmless (the reconnect replays what was missed), two in a row are not.
 *
 * @internal
 */
export const FALLBACK_AFTER = 2;

/** How the stream's health reaches the client, which decides about fallback. @internal */
export interface SseEvents {
  /** A connection was accepted. */
  open(): void;
  /** A connection failed or was lost; `failures` counts consecutive unhealthy attempts. */
  disrupted(error: HeyGenError, failures: number): void;
}

/** The stream transport; `active` is false while the client polls and the stream only probes. @internal */
export interface SseTransport extends JobTransport {
  active: boolean;
}

/**
 * One Server-Sent Events connection for all watched jobs.
 *
 * - It subscribes with `?ids=` of the watched jobs, so a fresh subscription starts with the
 *   current state of each of them, finished or not. A job watched later reconnects the stream
 *   (coalesced) without `Last-Event-ID`: that job's earlier events may lie before the last
 *   event id, and only the snapshot is sure to cover them.
 * - After a loss it reconnects with backoff and `Last-Event-ID`; the server replays what was
 *   missed, or sends the snapshot when its log no longer reaches back.
 * - No byte for `heartbeatTimeoutMs` means a dead connection: it is aborted and replaced.
 * - While another transport is active after a fallback, the same loop keeps probing with the
 *   slower probe backoff; the client switches back when a connection opens.
 *
 * @internal
 */
export function createSseTransport(ctx: TransportContext, openStream: OpenStream, events: SseEvents): SseTransport {
  const { api, options, registry, stats } = ctx;
  const { clock } = options;
  let controller: AbortController | undefined;
  /** Ids of the current connection, and of the last one that opened (what `lastId` covers). */
  let current = new Set<string>();
  let covered = current;
  let lastId: string | undefined;
  let failures = 0;
  let timer: unknown;
  let heartbeat: unknown;
  let closed = false;

  const stop = (): void => {
    clock.clearTimeout(timer);
    clock.clearTimeout(heartbeat);
    timer = undefined;
    controller?.abort();
    controller = undefined;
  };

  const later = (ms: number): unknown => (timer ??= clock.setTimeout(() => void connect(), ms));

  const delay = (): number =>
    transport.active
      ? failures && backoff(failures - 1, options.reconnectMinMs, options.reconnectMaxMs)
      : backoff(failures - FALLBACK_AFTER, options.probeMinMs, options.probeMaxMs);

  const beat = (connection: AbortController): void => {
    clock.clearTimeout(heartbeat);
    heartbeat = clock.setTimeout(() => connection.abort(new SSEError('Heartbeat missed')), options.heartbeatTimeoutMs);
  };

  const onEvent = (message: EventSourceMessage): void => {
    if (message.id) lastId = message.id;
    if (message.event != 'job') return;
    stats.eventsReceived++;
    try {
      registry.deliver(parseJobEvent(message.data));
    } catch (error) {
      ctx.report(error as HeyGenError);
    }
  };

  const connect = async (): Promise<void> => {
    stop();
    const ids = registry.ids();
    if (closed || !ids[0]) return;
    const connection = (controller = new AbortController());
    const set = (current = new Set(ids));
    const resume = ids.every((id) => covered.has(id)) && lastId;
    // The stream skips ids the server does not know for this key. Jobs the client knows nothing
    // about (given by id, as after a restart) are read once, so that an unknown one fails with
    // JobNotFoundError instead of waiting forever.
    // (More than 1000 ids cannot be streamed either: the server refuses them and the client
    // falls back to polling, which reads in chunks.)
    const unknown = ids.filter((id) => !registry.known.has(id));
    if (unknown[0]) api.batch(unknown, 0).then(ctx.applyBatch, ctx.report);
    api.track('stream', ids);
    if (failures) stats.reconnects++;
    let openedAt = 0;
    let error: unknown = new SSEError('Stream ended');
    beat(connection);
    try {
      await openStream(
        {
          url: `${options.url}/status?ids=${ids}`,
          headers: resume ? { ...api.headers, 'Last-Event-ID': resume } : api.headers,
          signal: connection.signal,
        },
        {
          open: () => {
            openedAt = clock.now();
            covered = set;
            events.open();
          },
          bytes: () => beat(connection),
          event: onEvent,
        },
      );
    } catch (cause) {
      error = connection.signal.reason ?? cause;
    }
    // A newer connection, stop() or close() took over: this loss was intended.
    if (controller != connection) return;
    stop();
    failures = openedAt && clock.now() - openedAt >= STABLE_MS ? 1 : failures + 1;
    events.disrupted(isHeyGenError(error) ? error : new SSEError(`Stream failed: ${error}`, { cause: error }), failures);
    if (!closed && registry.ids()[0]) later(delay());
  };

  const transport: SseTransport = {
    kind: 'SSE',
    active: true,
    watch(id) {
      // Idle: connect (or probe) after the backoff. Connected or connecting without this job:
      // reconnect at once (coalesced with other new jobs through the timer).
      if (!controller) later(delay());
      else if (!current.has(id)) later(0);
    },
    unwatch() {
      if (!registry.ids()[0]) stop();
    },
    close() {
      closed = true;
      stop();
    },
  };
  return transport;
}
