import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { jobEventFixture } from '../../testing/job-fixture.js';
import { SseConnection } from './sse-connection.js';

/** The slice of a Node response an SSE connection uses, observable by the test. */
class FakeResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  chunks: string[] = [];
  writableLength = 0;
  ended = false;
  destroyed = false;
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
    return true;
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

describe('SseConnection', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const connect = (options: { jobIds?: Set<string>; maxBufferedBytes?: number } = {}) => {
    const res = new FakeResponse();
    const connection = new SseConnection(res as unknown as ServerResponse, { retryMs: 1000, heartbeatMs: 100, ...options });
    return { res, connection };
  };

  it('sends the stream headers, then retry, then the initial events in order', () => {
    const { res, connection } = connect();
    connection.open([event(1, 'a'), event(2, 'b')]);
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['Cache-Control']).toBe('no-store');
    expect(res.chunks).toEqual(['retry: 1000\n\n' + event(1, 'a').frame + event(2, 'b').frame]);
  });

  it('writes a heartbeat comment every interval until the client leaves', () => {
    const { res, connection } = connect();
    connection.open([]);
    jest.advanceTimersByTime(250);
    expect(res.chunks.filter((chunk) => chunk === ': heartbeat\n\n')).toHaveLength(2);
    res.emit('close');
    jest.advanceTimersByTime(1000);
    connection.send(event(3, 'a'));
    expect(res.chunks.filter((chunk) => chunk === ': heartbeat\n\n')).toHaveLength(2);
    expect(res.chunks).not.toContain(event(3, 'a').frame);
  });

  it('writes only events about the listed jobs', () => {
    const { res, connection } = connect({ jobIds: new Set(['a']) });
    connection.open([event(1, 'a'), event(2, 'b')]);
    connection.send(event(3, 'b'));
    connection.send(event(4, 'a'));
    expect(res.chunks).toEqual(['retry: 1000\n\n' + event(1, 'a').frame, event(4, 'a').frame]);
  });

  it('holds live events that arrive before it opens and writes them after the initial ones', () => {
    const { res, connection } = connect({ jobIds: new Set(['a']) });
    connection.send(event(3, 'a'));
    connection.send(event(4, 'b'));
    expect(res.chunks).toEqual([]);
    connection.open([event(2, 'a')]);
    expect(res.chunks).toEqual(['retry: 1000\n\n' + event(2, 'a').frame + event(3, 'a').frame]);
  });

  it('disconnects a client too slow to drain its buffer instead of growing it', () => {
    const { res, connection } = connect({ maxBufferedBytes: 1000 });
    connection.open([]);
    res.writableLength = 'retry: 1000\n\n'.length + 1001;
    connection.send(event(1, 'a'));
    expect(res.destroyed).toBe(true);
    expect(res.chunks).toEqual(['retry: 1000\n\n']);
  });

  it('does not count a large snapshot against the slow-client allowance', () => {
    const { res, connection } = connect({ maxBufferedBytes: 1000 });
    const snapshot = Array.from({ length: 50 }, (_, index) => event(index + 1, 'a'));
    const opening = snapshot.reduce((bytes, { frame }) => bytes + Buffer.byteLength(frame), 'retry: 1000\n\n'.length);
    expect(opening).toBeGreaterThan(1000);
    connection.open(snapshot);
    res.writableLength = opening + 900;
    connection.send(event(51, 'a'));
    expect(res.destroyed).toBe(false);
    res.writableLength = opening + 1001;
    connection.send(event(52, 'a'));
    expect(res.destroyed).toBe(true);
    expect(res.chunks.at(-1)).toBe(event(51, 'a').frame);
  });

  it('ends the response and stops the heartbeat when closed by the server', () => {
    const { res, connection } = connect();
    connection.open([]);
    connection.close();
    jest.advanceTimersByTime(1000);
    expect(res.ended).toBe(true);
    expect(res.chunks).toEqual(['retry: 1000\n\n']);
  });
});
