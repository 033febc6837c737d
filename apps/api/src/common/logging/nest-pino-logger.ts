import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's `LoggerService` on top of the server's pino logger, so that Nest's messages and the
 * application's `new Logger(Context)` calls are JSON lines like the request logs.
 *
 * Nest passes an optional trailing context string and, for errors, a stack before it; both
 * become fields. An object message is merged into the line as fields.
 */
export class NestPinoLogger implements LoggerService {
  /** @param logger - the server's logger */
  constructor(private readonly logger: Logger) {}

  /** Writes an informational line. */
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
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
    this.write('trace', message, rest);
  }

  /** Writes a fatal line (Nest uses it for failures that stop the application). */
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...rest];
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? params.pop() : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params.shift() : undefined;
    const fields: Record<string, unknown> = {
      ...(context === undefined ? {} : { context }),
      ...(stack === undefined ? {} : { stack }),
      ...(params.length > 0 ? { details: params } : {}),
    };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
