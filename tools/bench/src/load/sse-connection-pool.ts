import { newCallerKey } from '@heygen-mock/testing';
import { nowMs, sleep } from '../harness/clock.js';
import { forEachLimit } from '../harness/latch.js';
import { SseEventLedger } from './sse-event-ledger.js';
import type { CompletionResult, EventsResult, HeartbeatResult, MarkResult, OpenResult, TallyResult } from './sse-load-protocol.js';
import { SseStream } from './sse-stream.js';

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Many raw SSE connections (`GET /status`, one socket each, no agent) held open at once, as
 * many browsers would hold them. Used from the separate load process, so that the server's
 * memory and the clients' CPU are measured apart.
 */
export class SseConnectionPool {
  private readonly connections: SseStream[] = [];

  /**
   * Opens connections, `concurrency` at a time; one counts as open once it answers 200.
   *
   * @param url - the server's base URL
   * @param count - connections to open
   * @param sharedKey - one caller key for all, or `null` for a distinct caller each
   * @param concurrency - connection attempts in flight
   * @param timeoutMs - the longest wait for one connection's answer
   * @param resume - keep a ledger of events and resume a stream the server ends
   * @returns how many opened, how many failed and how long it took
   */
  async open(url: string, count: number, sharedKey: string | null, concurrency: number, timeoutMs: number, resume = false): Promise<OpenResult> {
    const start = nowMs();
    let opened = 0;
    const errors: string[] = [];
    await forEachLimit(Array.from({ length: count }), concurrency, async () => {
      const stream = new SseStream(url, sharedKey ?? newCallerKey(), resume ? new SseEventLedger() : null);
      try {
        await stream.connect(timeoutMs);
        this.connections.push(stream);
        opened++;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    });
    return { opened, failed: errors.length, openMs: nowMs() - start, errors: [...new Set(errors)].slice(0, 5) };
  }

  /**
   * Forgets the heartbeats and completions seen so far on every connection.
   *
   * @returns this process's CPU time so far
   */
  mark(): MarkResult {
    for (const c of this.connections) c.tracker.mark();
    return { cpuMs: cpuMs() };
  }

  /**
   * Waits until every connection received a heartbeat since the last mark, or the time is up.
   *
   * @param timeoutMs - the longest wait
   * @returns how many did
   */
  async heartbeats(timeoutMs: number): Promise<HeartbeatResult> {
    const deadline = nowMs() + timeoutMs;
    const alive = (): number => this.connections.filter((c) => c.tracker.heartbeat && c.open).length;
    while (alive() < this.connections.length && nowMs() < deadline) await sleep(50);
    return { alive: alive() };
  }

  /**
   * Waits until every connection received `perConnection` completions since the last mark, or
   * the time is up.
   *
   * @param perConnection - completions each connection should receive
   * @param timeoutMs - the longest wait
   * @returns completions received in all and when the last one arrived
   */
  async completions(perConnection: number, timeoutMs: number): Promise<CompletionResult> {
    const deadline = nowMs() + timeoutMs;
    const delivered = (): number => this.connections.reduce((sum, c) => sum + c.tracker.completions, 0);
    const expected = perConnection * this.connections.length;
    while (delivered() < expected && nowMs() < deadline) await sleep(5);
    const lastAt = Math.max(0, ...this.connections.map((c) => c.tracker.lastCompletionAt));
    return { delivered: delivered(), lastAt, cpuMs: cpuMs() };
  }

  /**
   * Waits until every connection received `perConnection` events since the last mark, or the
   * time is up.
   *
   * @param perConnection - events each connection should receive
   * @param timeoutMs - the longest wait
   * @returns events received in all and when the last one arrived
   */
  async events(perConnection: number, timeoutMs: number): Promise<EventsResult> {
    const deadline = nowMs() + timeoutMs;
    const received = (): number => this.connections.reduce((sum, c) => sum + c.tracker.events, 0);
    const expected = perConnection * this.connections.length;
    while (received() < expected && nowMs() < deadline) await sleep(20);
    return { received: received(), lastAt: Math.max(0, ...this.connections.map((c) => c.tracker.lastEventAt)) };
  }

  /**
   * Compares what every stream opened with `resume` delivered with the jobs of its caller.
   *
   * @param expected - job ids by caller key
   * @returns the totals over those streams
   */
  tally(expected: Readonly<Record<string, readonly string[]>>): TallyResult {
    const totals = { expected: 0, delivered: 0, lost: 0, duplicates: 0, events: 0, reconnects: 0 };
    for (const stream of this.connections) {
      if (stream.ledger === null) continue;
      const jobIds = expected[stream.key] ?? [];
      const { delivered, lost } = stream.ledger.tally(jobIds);
      totals.expected += jobIds.length;
      totals.delivered += delivered;
      totals.lost += lost;
      totals.duplicates += stream.ledger.duplicates;
      totals.events += stream.ledger.events;
      totals.reconnects += stream.reconnects;
    }
    return totals;
  }

  /** Cuts every connection. */
  close(): void {
    for (const stream of this.connections.splice(0)) stream.close();
  }
}
