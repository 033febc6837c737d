import { type ClientRequest, request } from 'node:http';
import { newCallerKey } from '@heygen-mock/testing';
import { nowMs, sleep } from '../harness/clock.js';
import { forEachLimit } from '../harness/latch.js';
import type { CompletionResult, HeartbeatResult, MarkResult, OpenResult } from './sse-load-protocol.js';
import { SseLineTracker } from './sse-line-tracker.js';

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Connection {
  readonly request: ClientRequest;
  readonly tracker: SseLineTracker;
}

/**
 * Many raw SSE connections (`GET /status`, one socket each, no agent) held open at once, as
 * many browsers would hold them. Used from the separate load process, so that the server's
 * memory and the clients' CPU are measured apart.
 */
export class SseConnectionPool {
  private readonly connections: Connection[] = [];

  /**
   * Opens connections, `concurrency` at a time; one counts as open once it answers 200.
   *
   * @param url - the server's base URL
   * @param count - connections to open
   * @param sharedKey - one caller key for all, or `null` for a distinct caller each
   * @param concurrency - connection attempts in flight
   * @param timeoutMs - the longest wait for one connection's answer
   * @returns how many opened, how many failed and how long it took
   */
  async open(url: string, count: number, sharedKey: string | null, concurrency: number, timeoutMs: number): Promise<OpenResult> {
    const start = nowMs();
    let opened = 0;
    const errors: string[] = [];
    await forEachLimit(Array.from({ length: count }), concurrency, async () => {
      try {
        this.connections.push(await this.connect(url, sharedKey ?? newCallerKey(), timeoutMs));
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
    const alive = (): number => this.connections.filter((c) => c.tracker.heartbeat && !c.request.destroyed).length;
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

  /** Cuts every connection. */
  close(): void {
    for (const c of this.connections.splice(0)) c.request.destroy();
  }

  private connect(url: string, key: string, timeoutMs: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const tracker = new SseLineTracker();
      const req = request(`${url}/status`, {
        agent: false,
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${key}` },
        timeout: timeoutMs,
      });
      req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.once('error', (error) => reject(error));
      req.once('response', (response) => {
        if (response.statusCode !== 200) {
          req.destroy();
          return reject(new Error(`status ${response.statusCode}`));
        }
        // Held for as long as the scenario wants: the request timeout covers only the answer.
        req.setTimeout(0);
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => tracker.feed(chunk, nowMs()));
        response.on('error', () => undefined);
        resolve({ request: req, tracker });
      });
      req.end();
    });
  }
}
