import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script, run atomically by Redis: by its SHA-1 (`EVALSHA`), sent in full only when
 * Redis does not know it yet (a new or restarted Redis).
 */
export class RedisScript {
  private readonly sha: string;

  /** @param lua - the script; its keys come first in `KEYS`, its other arguments in `ARGV` */
  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /**
   * @param redis - the connection
   * @param keys - the keys it touches, `KEYS[1…]`
   * @param args - `ARGV[1…]`
   * @returns the script's answer
   */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error as Error).message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
