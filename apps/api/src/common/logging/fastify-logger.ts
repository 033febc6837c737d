import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';

/**
 * The server's pino logger as Fastify's `loggerInstance`, with children that become pino
 * children only when something is written to them at an enabled level.
 *
 * Fastify asks its logger for a child on every request, with the request id as bindings.
 * pino's child copies the serializers, rebuilds the formatters and serializes the bindings
 * (about 0.5 µs), for a status read that at `LOG_LEVEL=warn` writes nothing. What is written,
 * and under which bindings, does not change: the first line at an enabled level creates the
 * same child. Lazy children come from the logger's own `child()` rather than from Fastify's
 * `childLoggerFactory`, whose result Fastify checks method by method on every request.
 *
 * A child with a level or serializers of its own (Fastify's own logger, a route or plugin with
 * a `logLevel`) is a pino child at once.
 *
 * @param logger - the server's logger
 * @returns the logger to give Fastify
 */
export function fastifyLogger(logger: Logger): FastifyBaseLogger {
  return new EagerLogger(logger);
}

function childOf(parent: Logger, bindings: Bindings, options: ChildLoggerOptions = {}): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined) return new EagerLogger(parent.child(bindings, options));
  return new LazyChildLogger(parent, bindings, options);
}

/** A logger that writes through the pino logger {@link target} names, if any. */
abstract class DelegatingLogger implements FastifyBaseLogger {
  abstract level: LevelWithSilentOrString;

  abstract child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger;

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  debug(...args: unknown[]): void {
    this.write('debug', args);
  }

  trace(...args: unknown[]): void {
    this.write('trace', args);
  }

  silent(): void {
    // Writes nothing, as pino's `silent` does.
  }

  /** @returns the pino logger to write a line at `level` to, or `undefined` to drop it */
  protected abstract target(level: Level): Logger | undefined;

  private write(level: Level, args: unknown[]): void {
    const target = this.target(level);
    (target?.[level] as ((...values: unknown[]) => void) | undefined)?.apply(target, args);
  }
}

class EagerLogger extends DelegatingLogger {
  constructor(private readonly logger: Logger) {
    super();
  }

  get level(): LevelWithSilentOrString {
    return this.logger.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger.level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return childOf(this.logger, bindings, options);
  }

  protected target(): Logger {
    return this.logger;
  }
}

class LazyChildLogger extends DelegatingLogger {
  #child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {
    super();
  }

  get level(): LevelWithSilentOrString {
    return this.#child?.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.materialize().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return childOf(this.materialize(), bindings, options);
  }

  protected target(level: Level): Logger | undefined {
    return this.#child ?? (this.parent.isLevelEnabled(level) ? this.materialize() : undefined);
  }

  private materialize(): Logger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }
}
