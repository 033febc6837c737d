import { DEFAULT_API_CONFIG } from '../../config/api-config.js';
import { createApp } from '../../create-app.js';
import { createLogger } from './logger.js';

type Line = Record<string, unknown>;

function capture(): { lines: Line[]; destination: { write(line: string): void } } {
  const lines: Line[] = [];
  return { lines, destination: { write: (line) => void lines.push(JSON.parse(line) as Line) } };
}

describe('the server’s logs', () => {
  it('are JSON lines with an ISO time, a level name and a message, and redact Authorization', () => {
    const { lines, destination } = capture();
    createLogger('log', destination).info({ req: { headers: { authorization: 'Bearer secret-key-0123456789' } } }, 'hello');
    expect(lines).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), message: 'hello', req: { headers: { authorization: '[redacted]' } } },
    ]);
  });

  it('leave out levels above LOG_LEVEL', () => {
    const { lines, destination } = capture();
    const logger = createLogger('warn', destination);
    logger.info('not written');
    logger.warn('written');
    expect(lines.map((line) => line['message'])).toEqual(['written']);
  });

  it('write one line per request, under the request id it answered with, and never the caller key', async () => {
    const { lines, destination } = capture();
    const app = await createApp({ config: { ...DEFAULT_API_CONFIG, jobStore: 'memory' }, logger: createLogger('log', destination) });
    await app.listen(0, '127.0.0.1');
    try {
      const key = 'never-in-the-logs-0123456789';
      const res = await fetch(`${await app.getUrl()}/create`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'X-Request-Id': 'req-7' } });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-request-id')).toBe('req-7');
      expect(lines.filter((line) => line['requestId'] === 'req-7')).toEqual([
        expect.objectContaining({ level: 'info', message: 'request completed', method: 'POST', url: '/create', statusCode: 201 }),
      ]);
      expect(JSON.stringify(lines)).not.toContain(key);
    } finally {
      await app.close();
    }
  });
});
