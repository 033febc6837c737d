import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { JobEvent, JobEventSubscriber } from '../events/job-event.js';
import { jobEventFrame } from './job-event-frame.js';
import { formatSseComment, formatSseRetry } from './sse-format.js';

/** Header values as Fastify's `reply.getHeaders()` gives them. */
export type HeaderValues = Readonly<Record<string, number | string | string[] | undefined>>;

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
   * While the first events are written the stream waits for the socket instead.
   * @default 1048576
   */
  readonly maxBufferedBytes?: number;
  /**
   * Live events that may wait while the first events are written; beyond them the client is
   * disconnected, as a slow one is, and resumes from the log.
   * @default 10000
   */
  readonly maxHeldEvents?: number;
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
 * One `text/event-stream` response: writes the preamble, the first events (a replay or a
 * snapshot, page by page with backpressure), then live events and heartbeats, and ends cleanly
 * when either side closes. Events go out in id order, each once: a live event whose id is not
 * above the last one written is dropped, which closes the gap between subscribing and reading
 * the log without holding anything twice.
 */
export class SseConnection implements JobEventSubscriber {
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  /** Live events that arrive before the first events are written; `undefined` once live. */
  private held: JobEvent[] | undefined = [];
  private lastSentId = 0;
  private readonly maxBufferedBytes: number;
  private readonly maxHeldEvents: number;
  private readonly closedListeners = new Set<() => void>();

  /**
   * @param res - the response to stream on, not yet written
   * @param options - stream settings
   */
  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseConnectionOptions,
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.maxHeldEvents = options.maxHeldEvents ?? 10_000;
    res.once('close', () => this.stop());
  }

  /** Whether either side has ended the stream; nothing more is written then. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** The id of the last event written. */
  get lastEventId(): number {
    return this.lastSentId;
  }

  /**
   * Sends the headers and the `retry:` field, then the first events page by page, waiting for
   * the socket to drain and yielding to other work between pages, then the live events held
   * meanwhile, and starts the heartbeat.
   *
   * @param first - the replay or snapshot, in id order
   * @returns once the stream is live, or closed
   */
  async open(first: AsyncIterable<readonly JobEvent[]>): Promise<void> {
    if (this.closed) return;
    for (const [name, value] of Object.entries(this.options.headers ?? {})) {
      if (value !== undefined) this.res.setHeader(name, value);
    }
    this.res.writeHead(200, SSE_HEADERS);
    this.res.socket?.setNoDelay(true);
    this.res.write(formatSseRetry(this.options.retryMs));
    for await (const page of first) {
      if (this.closed) return;
      let chunk = '';
      for (const event of page) chunk += this.frame(event);
      if (chunk !== '' && !this.res.write(chunk)) await this.drained();
      // A page at a time, so that a large snapshot never holds the event loop for long.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.closed) return;
    const held = this.held ?? [];
    this.held = undefined;
    let chunk = '';
    for (const event of held) chunk += this.frame(event);
    if (chunk !== '') this.write(chunk);
    this.heartbeat = setInterval(() => this.write(formatSseComment('heartbeat')), this.options.heartbeatMs);
  }

  /**
   * Writes one live event unless it is filtered out or not newer than the last one written.
   * Before the stream is live the event waits.
   *
   * @param event - the event
   */
  send(event: JobEvent): void {
    if (this.closed) return;
    if (this.held === undefined) {
      const frame = this.frame(event);
      if (frame !== '') this.write(frame);
    } else if (this.held.push(event) > this.maxHeldEvents) {
      this.cut();
    }
  }

  /** Ends the stream from the server side. */
  close(): void {
    if (this.closed) return;
    this.stop();
    this.res.end();
  }

  /**
   * Runs `listener` once the stream is closed by either side.
   *
   * @param listener - called once
   */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closedListeners.add(listener);
  }

  /** The event's frame when it is to be written, and marks it written; `''` otherwise. */
  private frame(event: JobEvent): string {
    if (event.id <= this.lastSentId) return '';
    if (this.options.jobIds !== undefined && !this.options.jobIds.has(event.job.id)) return '';
    this.lastSentId = event.id;
    return jobEventFrame(event);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.res.writableLength > this.maxBufferedBytes) {
      this.cut();
      return;
    }
    this.res.write(chunk);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.closedListeners.delete(done);
        resolve();
      };
      this.res.once('drain', done);
      this.closedListeners.add(done);
    });
  }

  /** Drops a client that cannot keep up; it reconnects with `Last-Event-ID`. */
  private cut(): void {
    this.stop();
    this.res.destroy();
  }

  private stop(): void {
    if (this.closed) return;
    this.closed = true;
    this.held = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    const listeners = [...this.closedListeners];
    this.closedListeners.clear();
    for (const listener of listeners) listener();
  }
}
