import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { jobEventFixture } from '../../testing/job-fixture.js';
import type { JobEvent } from '../events/job-event.js';
import { jobEventFrame } from './job-event-frame.js';
import { SseConnection } from './sse-connection.js';

/** The slice of a Node response an SSE connection uses, observable by the test. */
class FakeResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  chunks: string[] = [];
  writableLength = 0;
  ended = false;
  destroyed = false;
  /** When set, writes report a full buffer until `drain()`. */
  full = false;
  socket = { setNoDelay: (): void => undefined };
  setHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = { ...this.headers, ...headers };
    return this;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return !this.full;
  }
  drain(): void {
    this.full = false;
    this.emit('drain');
  }
  end(): this {
    this.ended = true;
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    return this;
  }
}

const event = jobEventFixture;
const frame = (e: JobEvent): string => jobEventFrame(e);

async function* pages(...batches: JobEvent[][]): AsyncIterable<readonly JobEvent[]> {
  for (const batch of batches) yield batch;
}

describe('SseConnection', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  const connect = (options: { jobIds?: Set<string>; maxBufferedBytes?: number; maxHeldEvents?: number } = {}) => {
    const res = new FakeResponse();
    const connection = new SseConnection(res as unknown as ServerResponse, { retryMs: 1000, heartbeatMs: 100, headers: { 'X-Request-Id': 'r1' }, ...options });
    return { res, connection };
  };

  it('sends the stream headers with those set before, then retry, then the first events page by page', async () => {
    const { res, connection } = connect();
    await connection.open(pages([event(1, 'a'), event(2, 'b')], [event(3, 'c')]));
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Request-Id': 'r1' });
    expect(res.chunks).toEqual(['retry: 1000\n\n', frame(event(1, 'a')) + frame(event(2, 'b')), frame(event(3, 'c'))]);
    expect(connection.lastEventId).toBe(3);
  });

  it('waits for the socket to drain before writing the next page', async () => {
    const { res, connection } = connect();
    res.full = true;
    const opening = connection.open(pages([event(1, 'a')], [event(2, 'b')]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(res.chunks).toEqual(['retry: 1000\n\n', frame(event(1, 'a'))]);
    res.drain();
    await opening;
    expect(res.chunks.at(-1)).toBe(frame(event(2, 'b')));
  });

  it('writes a heartbeat comment every interval until the client leaves', async () => {
    const { res, connection } = connect();
    await connection.open(pages());
    jest.advanceTimersByTime(250);
    expect(res.chunks.filter((chunk) => chunk === ': heartbeat\n\n')).toHaveLength(2);
    res.emit('close');
    jest.advanceTimersByTime(1000);
    connection.send(event(3, 'a'));
    expect(res.chunks.filter((chunk) => chunk === ': heartbeat\n\n')).toHaveLength(2);
    expect(res.chunks).not.toContain(frame(event(3, 'a')));
  });

  it('writes only events about the listed jobs', async () => {
    const { res, connection } = connect({ jobIds: new Set(['a']) });
    await connection.open(pages([event(1, 'a'), event(2, 'b')]));
    connection.send(event(3, 'b'));
    connection.send(event(4, 'a'));
    expect(res.chunks).toEqual(['retry: 1000\n\n', frame(event(1, 'a')), frame(event(4, 'a'))]);
  });

  it('holds live events that arrive while the first ones are written and drops those it has already passed', async () => {
    const { res, connection } = connect();
    connection.send(event(2, 'a'));
    connection.send(event(4, 'b'));
    expect(res.chunks).toEqual([]);
    await connection.open(pages([event(1, 'x'), event(2, 'a'), event(3, 'y')]));
    connection.send(event(3, 'y'));
    connection.send(event(5, 'a'));
    expect(res.chunks).toEqual([
      'retry: 1000\n\n',
      frame(event(1, 'x')) + frame(event(2, 'a')) + frame(event(3, 'y')),
      frame(event(4, 'b')),
      frame(event(5, 'a')),
    ]);
  });

  it('disconnects a client that cannot keep up, live or while its first events are written', async () => {
    const slow = connect({ maxBufferedBytes: 1000 });
    await slow.connection.open(pages());
    slow.res.writableLength = 1001;
    slow.connection.send(event(1, 'a'));
    expect(slow.res.destroyed).toBe(true);
    expect(slow.res.chunks).toEqual(['retry: 1000\n\n']);

    const held = connect({ maxHeldEvents: 2 });
    for (let id = 1; id <= 3; id += 1) held.connection.send(event(id, 'a'));
    expect(held.res.destroyed).toBe(true);
    expect(held.connection.isClosed).toBe(true);
  });

  it('stops writing its first events once the client leaves, and tells its listeners once', async () => {
    const { res, connection } = connect();
    let closed = 0;
    connection.onClose(() => (closed += 1));
    res.full = true;
    const opening = connection.open(pages([event(1, 'a')], [event(2, 'b')]));
    await new Promise((resolve) => setImmediate(resolve));
    res.emit('close');
    await opening;
    expect(res.chunks).toEqual(['retry: 1000\n\n', frame(event(1, 'a'))]);
    expect(closed).toBe(1);
    connection.onClose(() => (closed += 1));
    expect(closed).toBe(2);
  });

  it('ends the response and stops the heartbeat when closed by the server', async () => {
    const { res, connection } = connect();
    await connection.open(pages());
    connection.close();
    jest.advanceTimersByTime(1000);
    expect(res.ended).toBe(true);
    expect(res.chunks).toEqual(['retry: 1000\n\n']);
  });
});
