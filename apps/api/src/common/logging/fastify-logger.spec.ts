import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import { fastifyLogger } from './fastify-logger.js';

type Line = Record<string, unknown>;

// As Fastify asks for a request's logger: a child of its own child, which has serializers.
function requestLogger(logger: Logger, bindings: Record<string, unknown>, options: object): ReturnType<typeof fastifyLogger> {
  return fastifyLogger(logger).child({}, { serializers: {} }).child(bindings, options);
}

function logged(level: 'warn' | 'log'): { lines: Line[]; logger: Logger; children: () => number } {
  const lines: Line[] = [];
  const logger = createLogger(level, { write: (line) => void lines.push(JSON.parse(line) as Line) });
  let children = 0;
  const child = logger.child;
  // Not bound: pino's children inherit this method from their parent and call it on themselves.
  logger.child = function countedChild(this: Logger, ...args: Parameters<Logger['child']>) {
    children += 1;
    return child.apply(this, args);
  } as Logger['child'];
  return { lines, logger, children: () => children };
}

describe('a request’s logger', () => {
  it('writes what its level allows under the request’s bindings, as a pino child would', () => {
    const { lines, logger } = logged('log');
    const log = requestLogger(logger, { requestId: 'req-1' }, {});
    log.info({ statusCode: 200 }, 'request completed');
    log.debug('not written');
    log.error(new Error('boom'));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', requestId: 'req-1', statusCode: 200, message: 'request completed' }),
      expect.objectContaining({ level: 'error', requestId: 'req-1', message: 'boom', err: expect.objectContaining({ type: 'Error' }) as unknown }),
    ]);
  });

  it('creates no pino child while nothing is written at an enabled level', () => {
    const { lines, logger, children } = logged('warn');
    const log = requestLogger(logger, { requestId: 'req-2' }, {});
    const before = children();
    log.info({ statusCode: 200 }, 'request completed');
    log.debug('nor this');
    log.trace('nor this');
    expect(children() - before).toBe(0);
    log.warn('written');
    log.warn('and this');
    expect(children() - before).toBe(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', requestId: 'req-2', message: 'written' }),
      expect.objectContaining({ level: 'warn', requestId: 'req-2', message: 'and this' }),
    ]);
  });

  it('reports the parent’s level, and takes a level of its own without changing the parent’s', () => {
    const { lines, logger } = logged('warn');
    const log = requestLogger(logger, { requestId: 'req-3' }, {});
    expect(log.level).toBe('warn');
    log.level = 'debug';
    log.debug('now written');
    logger.debug('the parent still leaves this out');
    expect(log.level).toBe('debug');
    expect(logger.level).toBe('warn');
    expect(lines).toEqual([expect.objectContaining({ level: 'debug', requestId: 'req-3', message: 'now written' })]);
  });

  it('gives children that keep the request’s bindings', () => {
    const { lines, logger } = logged('log');
    requestLogger(logger, { requestId: 'req-4' }, {}).child({ jobId: 'j-1' }).info('with both');
    expect(lines).toEqual([expect.objectContaining({ requestId: 'req-4', jobId: 'j-1', message: 'with both' })]);
  });

  it('writes Fastify’s own lines through the server’s logger', () => {
    const { lines, logger } = logged('log');
    const server = fastifyLogger(logger).child({}, { serializers: {} });
    server.info('listening');
    expect(server.level).toBe('info');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'listening' })]);
  });

  it('is a pino child at once for a route with a level of its own', () => {
    const { lines, logger, children } = logged('warn');
    const server = fastifyLogger(logger).child({}, { serializers: {} });
    const before = children();
    const log = server.child({ requestId: 'req-5' }, { level: 'info' });
    expect(children() - before).toBe(1);
    log.info('written at the route’s level');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', requestId: 'req-5' })]);
  });
});
