import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Header values as Fastify's `reply.getHeaders()` gives them. */
export type HeaderValues = Readonly<Record<string, number | string | string[] | undefined>>;
import type { JobEvent, JobEventSubscriber } from '../events/job-event.js';
import { formatSseComment, formatSseRetry } from './sse-format.js';

/** Options of an {@link SseConnection}. */
export interface SseConnectionOptions {
  /** The `retry:` value sent first. */
  readonly retryMs: number;
  /** Interval of the `: heartbeat` comment. */
  readonly heartbeatMs: number;
  /** When set, only events about these jobs are written. */
  readonly jobIds?: ReadonlySet<string>;
  /**
   * Bytes the socket may hold unsent before the client counts as too slow and is disconnected;
   * it reconnects with `Last-Event-ID` and catches up from the log instead of growing the buffer.
   * @default 1048576
   */
  readonly maxBufferedBytes?: number;
  /** Headers set before the stream took over the response (CORS, request id), sent with the stream's own. */
  readonly headers?: HeaderValues;
}

/** The response headers of every event stream. */
export const SSE_HEADERS: Readonly<OutgoingHttpHeaders> = Object.freeze({
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  Connection: 'keep-alive',
  // Reverse proxies such as nginx would otherwise buffer the stream.
  'X-Accel-Buffering': 'no',
});

/**
 * One `text/event-stream` response: writes the preamble, events and heartbeats, and ends cleanly
 * when either side closes. The framing itself lives in `sse-format.ts`.
 */
export class SseConnection implements JobEventSubscriber {
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  /** Live events that arrive before {@link SseConnection.open}; `undefined` once open. */
  private early: JobEvent[] | undefined = [];
  /** Unsent bytes tolerated before the client counts as too slow (see `maxBufferedBytes`). */
  private allowance: number;

  /**
   * @param res - the response to stream on, not yet written
   * @param options - stream settings
   */
  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseConnectionOptions,
  ) {
    this.allowance = options.maxBufferedBytes ?? 1024 * 1024;
    res.once('close', () => this.stop());
  }

  /** Whether either side has ended the stream; nothing more is written then. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Sends the headers, the `retry:` field and the initial events, then the live events received
   * so far, and starts the heartbeat.
   *
   * @param initial - replayed or snapshot events to send before live ones
   */
  open(initial: readonly JobEvent[]): void {
    for (const [name, value] of Object.entries(this.options.headers ?? {})) {
      if (value !== undefined) this.res.setHeader(name, value);
    }
    this.res.writeHead(200, SSE_HEADERS);
    this.res.socket?.setNoDelay(true);
    const early = this.early ?? [];
    this.early = undefined;
    const opening = formatSseRetry(this.options.retryMs) + [...initial, ...early].filter((event) => this.wants(event)).map((event) => event.frame).join('');
    // The opening write is as large as the snapshot or replay it carries (thousands of pending
    // jobs make megabytes). It is not the client being slow, so the allowance grows by its size
    // and applies to what follows; one write also spares a syscall per event.
    this.allowance += Buffer.byteLength(opening);
    this.res.write(opening);
    this.heartbeat = setInterval(() => this.write(formatSseComment('heartbeat')), this.options.heartbeatMs);
  }

  /**
   * Writes one event unless it is filtered out. Before the stream is open the event waits, since
   * the subscription may deliver live events before its initial ones are written.
   *
   * @param event - the event
   */
  send(event: JobEvent): void {
    if (this.closed || !this.wants(event)) return;
    if (this.early === undefined) this.write(event.frame);
    else this.early.push(event);
  }

  /** Ends the stream from the server side. */
  close(): void {
    if (this.closed) return;
    this.stop();
    this.res.end();
  }

  private wants(event: JobEvent): boolean {
    return this.options.jobIds === undefined || this.options.jobIds.has(event.jobId);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.res.writableLength > this.allowance) {
      this.stop();
      this.res.destroy();
      return;
    }
    this.res.write(chunk);
  }

  private stop(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
