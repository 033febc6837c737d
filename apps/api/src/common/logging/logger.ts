import { type DestinationStream, type Logger, type LevelWithSilent, pino } from 'pino';
import type { LogLevelName } from '../../config/api-config.js';

/** The pino level each `LOG_LEVEL` name stands for; Nest's names are kept for the configuration. */
const PINO_LEVELS: Readonly<Record<LogLevelName, LevelWithSilent>> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Paths of log fields that may carry a caller key. Fastify's request serializer writes no
 * headers, but a `req` or `headers` object logged by hand must not leak `Authorization`.
 */
export const REDACTED_PATHS: readonly string[] = ['req.headers.authorization', 'headers.authorization', 'request.headers.authorization', 'err.headers.authorization'];

/**
 * Builds the server's one logger: JSON lines through pino, `time` as ISO 8601, `level` as a
 * name and the text under `message`, `Authorization` redacted. Fastify logs requests through
 * it (with their request id as `reqId`) and Nest's own messages reach it through
 * {@link NestPinoLogger}.
 *
 * @param level - the most verbose level written
 * @param destination - where lines go; standard output by default (synchronous, so that a
 *   crash loses no line)
 * @returns the logger
 */
export function createLogger(level: LogLevelName | 'silent', destination?: DestinationStream): Logger {
  const options = {
    level: level === 'silent' ? 'silent' : PINO_LEVELS[level],
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    base: undefined,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
