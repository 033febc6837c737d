/**
 * Jest global setup of apps/api: starts the real `redis-server` the Redis driver's tests and the
 * `api (redis)` project use, on a free loopback port with no persistence, and publishes its URL
 * as `REDIS_TEST_URL`. Jest loads this file with Node's own `require`, so the TypeScript test
 * support is loaded through tsx.
 */
'use strict';

const { register } = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  const tsx = register({ namespace: 'heygen-mock-api-global' });
  const { startRedisServer } = tsx.require('@heygen-mock/testing', __filename);
  tsx.unregister();
  const redis = await startRedisServer();
  globalThis.__heygenMockTestRedis = redis;
  process.env.REDIS_TEST_URL = redis.url;
};
