/** Jest global teardown of apps/api: stops the `redis-server` of the global setup. */
'use strict';

module.exports = async function globalTeardown() {
  await globalThis.__heygenMockTestRedis?.stop();
};
