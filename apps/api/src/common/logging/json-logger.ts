import type { LoggerService } from '@nestjs/common';
import { LOG_LEVELS, type LogLevelName } from '../../config/api-config.js';

/** Where a {@link JsonLogger} writes its lines. */
export type LineSink = (line: string) => void;

/**
 * Nest logger that writes one JSON object per line, so that log collectors need no parser.
 *
 * Nest passes an optional trailing context string and, for errors, a stack; both become fields.
 */
export class JsonLogger implements LoggerService {
  private readonly maxRank: number;

  /**
   * @param level - the most verbose level written
   * @param sink - line writer; standard output by default
   */
  constructor(
    level: LogLevelName,
    private readonly sink: LineSink = (line) => process.stdout.write(`${line}\n`),
  ) {
    this.maxRank = LOG_LEVELS.indexOf(level);
  }

  /** Writes an informational line. */
  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }

  /** Writes an error line; a string argument before the context is taken as the stack. */
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  /** Writes a warning line. */
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  /** Writes a debugging line. */
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  /** Writes the most detailed kind of line. */
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }

  private write(level: LogLevelName, message: unknown, rest: unknown[]): void {
    if (LOG_LEVELS.indexOf(level) > this.maxRank) return;
    const params = [...rest];
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? params.pop() : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params.shift() : undefined;
    const fields = typeof message === 'object' && message !== null ? message : { message: String(message) };
    const entry = {
      time: new Date().toISOString(),
      level,
      ...(context === undefined ? {} : { context }),
      ...fields,
      ...(stack === undefined ? {} : { stack }),
      ...(params.length > 0 ? { details: params } : {}),
    };
    this.sink(safeStringify(entry));
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) =>
      item instanceof Error ? { name: item.name, message: item.message, stack: item.stack } : item,
    );
  } catch {
    // A circular structure must not turn a log call into a crash.
    return JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'unserialisable log entry' });
  }
}
