import type { EventSourceMessage } from 'eventsource-parser';
import { backoff } from '../backoff.js';
import { isHeyGenError, type HeyGenError } from '../errors/heygen-error.js';
import { SSEError } from '../errors/sse-error.js';
import type { OpenStream } from '../sse/open-stream.js';
import { parseJobEvent } from '../sse/parse-job-event.js';
import { chunks, type JobTransport, type TransportContext } from './transport.js';

/** A connection that lasted this long was healthy: its loss starts the failure count afresh. */
const STABLE_MS = 5000;

/**
 * The first reconnect after losing a connection that had opened waits at most this share of
 * `reconnectMinMs`, drawn at random: at once, yet spread, so that the clients of a server that
 * went away do not all come back in the same millisecond.
 */
const RECONNECT_JITTER = 0.2;

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
 * One Server-Sent Events connection for all watched jobs: `GET /status` without `ids`, which
 * carries every event of every job of the caller key, so the URL never grows with the watch set
 * and a newly watched job never reconnects the stream. Events of jobs nobody watches only
 * update the registry's memory.
 *
 * - The stream opens with the first watched job and closes when none is left.
 * - After every (re)connect, one batch read of the watched jobs (chunks of 1000) reconciles what
 *   no stream covered: before the first connect, or during a gap the server could only answer
 *   with a snapshot of pending jobs. The registry drops what the stream reports again.
 * - A job watched while a connection is open is read once when the client knows nothing about
 *   it, or only a state asked for before the open: the stream reports what changes after it
 *   opened, not what changed before. Anything else the stream already covers.
 * - A failed read fails the connection it was to complete: the next connection reads again, and
 *   failures in a row lead to polling as any stream failure does.
 * - After the loss of a connection that had opened it reconnects at once (with a little jitter),
 *   after further failures in a row with backoff, and with `Last-Event-ID`; the server replays
 *   what was missed, or sends the snapshot when its log no longer reaches back.
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
  /**
   * When the current connection opened: states asked for since then are kept current by it.
   * NaN while no connection is open, which makes every comparison with it false.
   */
  let since = NaN;
  let lastId: string | undefined;
  let failures = 0;
  /** Whether the last connection lost had opened. */
  let lostOpen = false;
  let timer: unknown;
  let heartbeat: unknown;
  let closed = false;
  /** Jobs to read, gathered until the end of the tick so that a burst takes one read. */
  const unread = new Set<string>();

  const stop = (): void => {
    clock.clearTimeout(timer);
    clock.clearTimeout(heartbeat);
    timer = undefined;
    since = NaN;
    unread.clear();
    controller?.abort();
    controller = undefined;
  };

  /** Reads jobs at the end of the tick, as part of the connection open at that point. */
  const read = (ids: string[]): void => {
    ids.forEach((id) => unread.add(id));
    queueMicrotask(() => {
      const connection = controller;
      for (const chunk of chunks([...unread])) {
        api.batch(chunk, 0).then(ctx.applyBatch, (error: HeyGenError) => connection?.abort(error));
      }
      unread.clear();
    });
  };

  const later = (ms: number): unknown => (timer ??= clock.setTimeout(() => void connect(), ms));

  const delay = (): number =>
    !transport.active
      ? backoff(failures - FALLBACK_AFTER, options.probeMinMs, options.probeMaxMs)
      : failures == 1 && lostOpen
        ? Math.random() * options.reconnectMinMs * RECONNECT_JITTER
        : failures && backoff(failures - 1, options.reconnectMinMs, options.reconnectMaxMs);

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
    api.track('stream', ids);
    if (failures) stats.reconnects++;
    let openedAt = 0;
    let error: unknown = new SSEError('Stream ended');
    beat(connection);
    try {
      await openStream(
        {
          url: `${options.url}/status`,
          headers: lastId ? { ...api.headers, 'Last-Event-ID': lastId } : api.headers,
          signal: connection.signal,
        },
        {
          open: () => {
            since = openedAt = clock.now();
            events.open();
            read(registry.ids());
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
    lostOpen = !!openedAt;
    events.disrupted(isHeyGenError(error) ? error : new SSEError(`Stream failed: ${error}`, { cause: error }), failures);
    if (!closed && registry.watches.size) later(delay());
  };

  const transport: SseTransport = {
    kind: 'SSE',
    active: true,
    watch(id) {
      // Idle: connect (or probe) after the backoff. Connecting: the read after the open covers
      // the job. Open: the stream already carries its events; read it only when what the client
      // knows may predate the connection.
      if (!controller) later(delay());
      else if ((registry.known.get(id)?.[2] ?? -1) < since) read([id]);
    },
    unwatch() {
      if (!registry.watches.size) stop();
    },
    close() {
      closed = true;
      stop();
    },
  };
  return transport;
}
