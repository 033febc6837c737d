import { Redis } from 'ioredis';
import { ConfigError } from '../../config/config-error.js';
import { redactUrl } from '../../config/redact-url.js';
import { within } from '../async/within.js';

/** Options of {@link RedisConnections.open}. */
export interface RedisConnectionOptions {
  /** `REDIS_URL`. */
  readonly url: string;
  /** How long the first connection may take before start-up fails, ms. @default 3000 */
  readonly connectTimeoutMs?: number;
}

/**
 * The two connections an instance holds to Redis, whatever its load: one for commands and
 * scripts (auto-pipelined: the commands of one turn of the event loop go out together), and one
 * that does nothing but the blocking `XREAD` of the event streams this instance follows, since a
 * blocked connection cannot send anything else. Never one per client.
 */
export class RedisConnections {
  private closing = false;

  private constructor(
    /** Commands and scripts. */
    readonly commands: Redis,
    /** The blocking reads of the event bus, alone. */
    readonly blocking: Redis,
  ) {}

  /**
   * Connects both, and fails fast: a Redis that does not answer within the timeout stops the
   * start-up with an error that names `REDIS_URL` (without its password). Once started, the
   * connections reconnect by themselves, with backoff, and queue commands meanwhile.
   *
   * @param options - the URL and the start-up timeout
   * @returns both connections, ready
   * @throws {@link ConfigError} naming `REDIS_URL` when Redis cannot be reached or refuses the
   *   credentials
   */
  static async open(options: RedisConnectionOptions): Promise<RedisConnections> {
    const timeoutMs = options.connectTimeoutMs ?? 3000;
    const connect = async (name: string, autoPipelining: boolean): Promise<Redis> => {
      const redis = new Redis(options.url, {
        lazyConnect: true,
        connectionName: `heygen-mock:${name}`,
        connectTimeout: timeoutMs,
        enableAutoPipelining: autoPipelining,
        // Queued commands of a lost connection fail after a few reconnects instead of hanging.
        maxRetriesPerRequest: 3,
        retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
      });
      // Errors also reject the command that met them; this keeps a reconnect from crashing the process.
      let lastError: Error | undefined;
      redis.on('error', (error: Error) => (lastError = error));
      try {
        await within(redis.connect(), timeoutMs, () => new Error('no answer'));
        return redis;
      } catch (error) {
        redis.disconnect();
        const reason = (lastError ?? (error as Error)).message.replace(/\.+$/, '');
        throw new ConfigError('REDIS_URL', `Could not connect to Redis at REDIS_URL=${redactUrl(options.url)} within ${timeoutMs} ms: ${reason}.`);
      }
    };
    const commands = await connect('commands', true);
    try {
      return new RedisConnections(commands, await connect('blocking-reads', false));
    } catch (error) {
      commands.disconnect();
      throw error;
    }
  }

  /** Whether {@link RedisConnections.close} was called. */
  get closed(): boolean {
    return this.closing;
  }

  /** Closes both: blocked reads end at once, commands already sent are answered first. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.blocking.disconnect();
    await this.commands.quit().catch(() => this.commands.disconnect());
  }

  /** Closes both when the application shuts down, after the jobs service has stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** Dependency-injection token for the {@link RedisConnections} of `JOB_STORE=redis`. */
export const REDIS_CONNECTIONS = Symbol('REDIS_CONNECTIONS');
