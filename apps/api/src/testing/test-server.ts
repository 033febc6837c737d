import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type ApiConfig, DEFAULT_API_CONFIG } from '../config/api-config.js';
import { type CreateAppOptions, createApp } from '../create-app.js';
import { testRedisUrl, uniqueKeyPrefix } from './test-redis.js';

/** A running API on an ephemeral port. */
export interface TestServer {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  /** `fetch` against the server with a caller key (a fresh one per server unless given). */
  request(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the real application on 127.0.0.1, port 0, with quiet logs, short timings and jobs in
 * memory unless told otherwise. With `API_TEST_JOB_STORE=redis` (the `api (redis)` Jest
 * project) the default is the test Redis instead, under a key prefix of the server's own unless
 * `redisKeyPrefix` is given (servers that share jobs give the same).
 *
 * @param overrides - configuration to change
 * @param backends - replacement job store or event bus
 * @returns the server
 */
export async function startTestServer(
  overrides: Partial<ApiConfig> = {},
  backends: Pick<CreateAppOptions, 'jobStore' | 'jobEventBus'> = {},
): Promise<TestServer> {
  const onRedis = (overrides.jobStore ?? process.env['API_TEST_JOB_STORE']) === 'redis';
  const store: Partial<ApiConfig> = onRedis ? { jobStore: 'redis', redisUrl: testRedisUrl(), redisKeyPrefix: uniqueKeyPrefix() } : { jobStore: 'memory' };
  const config: ApiConfig = { ...DEFAULT_API_CONFIG, port: 0, jobTimeMs: 200, progressIntervalMs: 0, ...store, ...overrides };
  const app = await createApp({ config, logger: false, ...backends });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const defaultKey = newKey();
  return {
    app,
    baseUrl,
    request(path, init = {}) {
      const { key = defaultKey, headers, ...rest } = init;
      const merged = new Headers(headers);
      if (key !== null) merged.set('Authorization', `Bearer ${key}`);
      return fetch(`${baseUrl}${path}`, { ...rest, headers: merged });
    },
    close: () => app.close(),
  };
}

/** @returns a fresh, valid caller key */
export function newKey(): string {
  return randomUUID();
}
