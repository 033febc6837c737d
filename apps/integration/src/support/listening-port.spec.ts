import { findListeningPort } from './listening-port.js';

describe('findListeningPort', () => {
  it('reads the port from a URL in a JSON log line', () => {
    expect(findListeningPort('{"level":"log","message":"Listening on http://127.0.0.1:43121"}')).toBe(43121);
    expect(findListeningPort('{"message":"listening","url":"http://[::1]:8080/"}')).toBe(8080);
  });

  it('reads a port field', () => {
    expect(findListeningPort('{"message":"listening","host":"127.0.0.1","port":5123}')).toBe(5123);
  });

  it('ignores lines that announce no usable port', () => {
    expect(findListeningPort('{"message":"config","port":0}')).toBeNull();
    expect(findListeningPort('{"message":"job created"}')).toBeNull();
    expect(findListeningPort('see https://example.com:8443 for docs')).toBeNull();
  });
});
