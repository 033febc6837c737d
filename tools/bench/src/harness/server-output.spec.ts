import { findListenUrl, parseCpuMs, parseVmRss } from './server-output.js';

describe('findListenUrl', () => {
  it('finds a URL in any field of a JSON log line', () => {
    expect(findListenUrl('{"level":"log","message":"listening on http://127.0.0.1:40123"}')).toBe('http://127.0.0.1:40123');
    expect(findListenUrl('{"level":"log","context":{"url":"http://127.0.0.1:5000/"}}')).toBe('http://127.0.0.1:5000');
  });

  it('builds the URL from a numeric port and host, reaching an unspecified address on 127.0.0.1', () => {
    expect(findListenUrl('{"message":"listening","host":"127.0.0.1","port":4321}')).toBe('http://127.0.0.1:4321');
    expect(findListenUrl('{"message":"listening","host":"0.0.0.0","port":4321}')).toBe('http://127.0.0.1:4321');
    expect(findListenUrl('{"message":"listening","port":4321}')).toBe('http://127.0.0.1:4321');
  });

  it('reads plain text too and ignores lines without an address', () => {
    expect(findListenUrl('Server listening at http://localhost:8080')).toBe('http://127.0.0.1:8080');
    expect(findListenUrl('{"message":"job created","durationMs":3000}')).toBeNull();
    expect(findListenUrl('{"message":"port is 0"}')).toBeNull();
  });
});

describe('parseVmRss', () => {
  it('reads VmRSS in bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t  9000 kB\nVmRSS:\t   51200 kB\nThreads:\t7\n')).toBe(51200 * 1024);
  });

  it('fails when the line is missing', () => {
    expect(() => parseVmRss('Name:\tnode\n')).toThrow(/VmRSS/);
  });
});

describe('parseCpuMs', () => {
  it('adds user and system time, counting fields after the command name', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 11 0 100 0 0';
    expect(parseCpuMs(stat)).toBe(3000);
  });

  it('fails on text that is not a stat line', () => {
    expect(() => parseCpuMs('nothing')).toThrow(/stat/);
  });
});
