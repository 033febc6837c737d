import { randomUUID } from 'node:crypto';
import { RedisConnections } from '../common/redis/redis-connections.js';
import { RedisKeys } from '../common/redis/redis-keys.js';

/**
 * The Redis server of this test run: started by the Jest global setup (`jest.global-setup.cjs`)
 * on a free loopback port, without persistence, and stopped after the run.
 *
 * @returns its URL
 * @throws Error when the global setup did not start one
 */
export function testRedisUrl(): string {
  const url = process.env['REDIS_TEST_URL'];
  if (url === undefined || url === '') throw new Error('REDIS_TEST_URL is not set: the Jest global setup of apps/api starts Redis and sets it.');
  return url;
}

/** Connections to the test Redis under a key prefix no other test uses. */
export interface TestRedis {
  readonly connections: RedisConnections;
  readonly keys: RedisKeys;
  /** Deletes every key under the prefix and closes the connections (unless they were closed already). */
  close(): Promise<void>;
}

/**
 * @returns a fresh prefix, so that tests sharing the Redis of the run never see each other's keys
 */
export function uniqueKeyPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}:`;
}

/**
 * Opens connections to the test Redis under a fresh key prefix.
 *
 * @param prefix - the prefix to use @default a fresh one
 * @returns the connections and keys; close them after the test
 */
export async function openTestRedis(prefix = uniqueKeyPrefix()): Promise<TestRedis> {
  const connections = await RedisConnections.open({ url: testRedisUrl() });
  return {
    connections,
    keys: new RedisKeys(prefix),
    async close() {
      if (connections.closed) return;
      const { commands } = connections;
      let cursor = '0';
      do {
        const [next, found] = await commands.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (found.length > 0) await commands.del(...found);
        cursor = next;
      } while (cursor !== '0');
      await connections.close();
    },
  };
}
