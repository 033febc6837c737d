import { classifyRequest } from './request-line.js';

const head = (lines: string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);

describe('classifyRequest', () => {
  it('tells the event stream apart from a status read by the path', () => {
    expect(classifyRequest(head(['GET /status HTTP/1.1', 'host: x']))).toBe('stream');
    expect(classifyRequest(head(['GET /status?ids=a,b HTTP/1.1', 'host: x']))).toBe('stream');
    expect(classifyRequest(head(['GET /status/0b7f8e0e HTTP/1.1', 'host: x']))).toBe('status');
    expect(classifyRequest(head(['GET /status/0b7f8e0e?waitMs=1000 HTTP/1.1', 'host: x']))).toBe('status');
  });

  it('treats any GET that accepts text/event-stream as a stream', () => {
    expect(classifyRequest(head(['GET /elsewhere HTTP/1.1', 'Accept: text/event-stream']))).toBe('stream');
    expect(classifyRequest(head(['GET /elsewhere HTTP/1.1', 'accept: application/json']))).toBe('other');
  });

  it('names creations and batch reads, and leaves other requests as other', () => {
    expect(classifyRequest(head(['POST /create HTTP/1.1', 'content-length: 0']))).toBe('create');
    expect(classifyRequest(head(['POST /status/batch HTTP/1.1', 'content-length: 2']))).toBe('batch');
    expect(classifyRequest(head(['OPTIONS /status HTTP/1.1', 'origin: http://localhost']))).toBe('preflight');
    expect(classifyRequest(head(['GET /health HTTP/1.1']))).toBe('other');
  });

  it('classifies a head whose URL lists a thousand ids, even when it arrives in pieces', () => {
    const ids = Array.from({ length: 1000 }, () => '0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a').join(',');
    const whole = head([`GET /status?ids=${ids} HTTP/1.1`, 'accept: text/event-stream']);
    expect(classifyRequest(whole)).toBe('stream');
    expect(classifyRequest(whole.subarray(0, 1024))).toBe('stream');
  });

  it('does not mistake a body for a request', () => {
    expect(classifyRequest(Buffer.from('{"ids":["a"]}'))).toBeNull();
    expect(classifyRequest(Buffer.from('0b7f8e0e-5a51,7c34dca9 HTTP/1.1\r\n'))).toBeNull();
  });
});
