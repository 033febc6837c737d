import { type ClientRequest, request } from 'node:http';
import { nowMs } from '../harness/clock.js';
import type { SseEventLedger } from './sse-event-ledger.js';
import { SseLineTracker } from './sse-line-tracker.js';

/** Wait before resuming a stream the server ended: the server's default `retry:`. */
const RESUME_DELAY_MS = 1000;
/** The longest wait for the answer to a resuming request. */
const RESUME_TIMEOUT_MS = 10_000;

/**
 * One raw SSE connection (`GET /status`, its own socket, no agent) as a browser would hold it.
 * Its line tracker sees every chunk; with a ledger it also keeps the account of every event
 * and, when the server ends the stream, resumes it with `Last-Event-ID` after a second, as a
 * browser's `EventSource` does, until {@link close}. A chunk listener sees every chunk too, with
 * the time it arrived.
 */
export class SseStream {
  readonly tracker = new SseLineTracker();
  /** Times the stream was resumed after the server ended it. */
  reconnects = 0;
  private current: ClientRequest | undefined;
  private closed = false;

  /**
   * @param url - the server's base URL
   * @param key - the caller key
   * @param ledger - keeps the account of events and turns on resuming, or `null`
   * @param onChunk - called with every chunk and its arrival time (see {@link nowMs}), e.g. to parse its events
   */
  constructor(
    private readonly url: string,
    readonly key: string,
    readonly ledger: SseEventLedger | null,
    private readonly onChunk?: (chunk: string, receivedAt: number) => void,
  ) {}

  /** Whether the current request is still open. */
  get open(): boolean {
    return this.current !== undefined && !this.current.destroyed;
  }

  /**
   * Connects; resolves once the server answers 200.
   *
   * @param timeoutMs - the longest wait for the answer
   * @throws Error when the server answers otherwise or not in time
   */
  connect(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => this.send(timeoutMs, (error) => (error === null ? resolve() : reject(error))));
  }

  /** Cuts the connection for good. */
  close(): void {
    this.closed = true;
    this.current?.destroy();
  }

  private resumeLater(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.reconnects++;
      this.ledger?.restart();
      this.send(RESUME_TIMEOUT_MS, (error) => {
        if (error !== null) this.resumeLater();
      });
    }, RESUME_DELAY_MS);
  }

  /** Sends one `GET /status` and follows its answer; `answered` is called once, with `null` for a 200. */
  private send(timeoutMs: number, answered: (error: Error | null) => void): void {
    const lastEventId = this.ledger !== null && this.ledger.lastEventId > 0 ? { 'Last-Event-ID': String(this.ledger.lastEventId) } : {};
    const req = request(`${this.url}/status`, {
      agent: false,
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${this.key}`, ...lastEventId },
      timeout: timeoutMs,
    });
    this.current = req;
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      answered(error);
    };
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', settle);
    req.once('response', (response) => {
      if (response.statusCode !== 200) {
        req.destroy();
        return settle(new Error(`status ${response.statusCode}`));
      }
      // Held for as long as the scenario wants: the request timeout covers only the answer.
      req.setTimeout(0);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const receivedAt = nowMs();
        this.tracker.feed(chunk, receivedAt);
        this.ledger?.feed(chunk);
        this.onChunk?.(chunk, receivedAt);
      });
      response.on('error', () => undefined);
      if (this.ledger !== null) response.once('close', () => this.resumeLater());
      settle(null);
    });
    req.end();
  }
}
