import { parseListeningPort } from './listening-line.js';

describe('parseListeningPort', () => {
  it('reads the port of the JSON line the API writes once it listens', () => {
    const line = '{"time":"2026-11-29T07:00:00.000Z","level":"log","context":"Main","message":"listening","url":"http://127.0.0.1:43195","port":43195}';
    expect(parseListeningPort(line)).toBe(43195);
  });

  it('ignores other log lines, even ones that name a port', () => {
    expect(parseListeningPort('{"level":"log","context":"NestFactory","message":"Starting Nest application..."}')).toBeNull();
    expect(parseListeningPort('{"message":"config","port":3000}')).toBeNull();
    expect(parseListeningPort('Server listening at http://127.0.0.1:8080')).toBeNull();
    expect(parseListeningPort('{"message":"listening"')).toBeNull();
  });

  it('rejects a port that no server can be bound to', () => {
    expect(parseListeningPort('{"message":"listening","port":0}')).toBeNull();
    expect(parseListeningPort('{"message":"listening","port":70000}')).toBeNull();
    expect(parseListeningPort('{"message":"listening","port":"3000"}')).toBeNull();
  });
});
