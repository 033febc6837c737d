import { classifyRequest, RequestLineScanner } from './request-kind.js';

const ID = '0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a';

describe('classifyRequest', () => {
  it('tells status reads, long-polls, batch reads, streams and creations apart', () => {
    expect(classifyRequest({ method: 'GET', target: `/status/${ID}` })).toBe('status');
    expect(classifyRequest({ method: 'GET', target: `/status/${ID}?waitMs=0` })).toBe('status');
    expect(classifyRequest({ method: 'GET', target: `/status/${ID}?waitMs=25000` })).toBe('long-poll');
    expect(classifyRequest({ method: 'POST', target: '/status/batch' })).toBe('batch');
    expect(classifyRequest({ method: 'GET', target: '/status' })).toBe('stream');
    expect(classifyRequest({ method: 'GET', target: `/status?ids=${ID},${ID}` })).toBe('stream');
    expect(classifyRequest({ method: 'POST', target: '/create' })).toBe('create');
  });

  it('names CORS preflights and health probes, and leaves the rest as other', () => {
    expect(classifyRequest({ method: 'OPTIONS', target: '/status' })).toBe('preflight');
    expect(classifyRequest({ method: 'OPTIONS', target: '/create' })).toBe('preflight');
    expect(classifyRequest({ method: 'GET', target: '/health' })).toBe('health');
    expect(classifyRequest({ method: 'DELETE', target: '/status' })).toBe('other');
    expect(classifyRequest({ method: 'GET', target: '/docs' })).toBe('other');
  });
});

describe('RequestLineScanner', () => {
  const request = (target: string, body = ''): string =>
    `GET ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${body.length}\r\n\r\n${body}`;

  it('finds every request of a keep-alive stream, including one right after a body', () => {
    const batch = `POST /status/batch HTTP/1.1\r\ncontent-length: 13\r\n\r\n{"ids":["a"]}`;
    const lines = new RequestLineScanner().feed(batch + request(`/status/${ID}`) + request('/status'));
    expect(lines).toEqual([
      { method: 'POST', target: '/status/batch' },
      { method: 'GET', target: `/status/${ID}` },
      { method: 'GET', target: '/status' },
    ]);
  });

  it('finds a request line split across chunks exactly once', () => {
    const text = request(`/status/${ID}?waitMs=1000`) + request('/health');
    for (let cut = 1; cut < text.length; cut += 7) {
      const scanner = new RequestLineScanner();
      const lines = [...scanner.feed(text.slice(0, cut)), ...scanner.feed(text.slice(cut))];
      expect(lines.map((l) => l.target)).toEqual([`/status/${ID}?waitMs=1000`, '/health']);
    }
  });

  it('finds a stream request whose URL lists a thousand ids, arriving in pieces', () => {
    const ids = Array.from({ length: 1000 }, () => ID).join(',');
    const text = request(`/status?ids=${ids}`);
    const scanner = new RequestLineScanner();
    const lines = [text.slice(0, 1024), text.slice(1024, 20_000), text.slice(20_000)].flatMap((piece) => scanner.feed(piece));
    expect(lines.map(classifyRequest)).toEqual(['stream']);
  });

  it('does not take a body that merely mentions a method for a request', () => {
    const body = '{"note":"GET /status HTTP/1.1"}';
    expect(new RequestLineScanner().feed(request('/create', body))).toHaveLength(1);
    expect(new RequestLineScanner().feed('{"ids":["a"]}')).toEqual([]);
  });
});
