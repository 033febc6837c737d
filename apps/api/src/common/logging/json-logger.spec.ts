import { JsonLogger } from './json-logger.js';

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, context and fields', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('log', (line) => lines.push(line));
    logger.log({ message: 'listening', port: 3000 }, 'Main');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'log', context: 'Main', message: 'listening', port: 3000 });
  });

  it('drops levels more verbose than the configured one', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('warn', (line) => lines.push(line));
    logger.log('info');
    logger.debug('debug');
    logger.warn('careful');
    logger.error('broken', 'stack trace', 'Ctx');
    expect(lines.map((line) => JSON.parse(line) as { level: string; stack?: string })).toEqual([
      expect.objectContaining({ level: 'warn', message: 'careful' }),
      expect.objectContaining({ level: 'error', message: 'broken', stack: 'stack trace', context: 'Ctx' }),
    ]);
  });
});
