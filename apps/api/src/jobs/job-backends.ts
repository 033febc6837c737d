import type { Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { REDIS_CONNECTIONS, RedisConnections } from '../common/redis/redis-connections.js';
import { RedisKeys } from '../common/redis/redis-keys.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { InMemoryJobEventBus } from './events/in-memory-job-event-bus.js';
import { JOB_EVENT_BUS, type JobEventBus } from './events/job-event-bus.js';
import { RedisJobEventBus } from './events/redis-job-event-bus.js';
import { InMemoryJobScheduler } from './scheduling/in-memory-job-scheduler.js';
import { JOB_SCHEDULER, type JobScheduler } from './scheduling/job-scheduler.js';
import { RedisJobScheduler } from './scheduling/redis-job-scheduler.js';
import { InMemoryJobStore } from './storage/in-memory-job-store.js';
import { JOB_STORE, type JobStore } from './storage/job-store.js';
import { EXPIRY_GRACE_MS, RedisJobStore } from './storage/redis/redis-job-store.js';
import { SqliteJobStore } from './storage/sqlite/sqlite-job-store.js';

/** Backends of the jobs feature that replace the configured ones (tests). */
export interface JobBackendOverrides {
  /** Where jobs are kept. @default the driver `JOB_STORE` names */
  readonly jobStore?: JobStore;
  /** How job events are numbered, logged and delivered. @default the driver's */
  readonly jobEventBus?: JobEventBus;
  /** When the steps of the simulation run. @default the driver's */
  readonly jobScheduler?: JobScheduler;
}

/**
 * The one place where `JOB_STORE` picks the drivers of the jobs feature's three ports:
 *
 * | `JOB_STORE` | store | event bus | scheduler |
 * |---|---|---|---|
 * | `sqlite` (default) | a file at `SQLITE_PATH` | in this process | timers, re-armed from the file |
 * | `memory` | in this process | in this process | timers |
 * | `redis` | Redis at `REDIS_URL` | a Redis stream per caller | a Redis sorted set, claimed atomically |
 *
 * @param overrides - backends to use whatever the configuration says
 * @returns the providers of {@link JOB_STORE}, {@link JOB_EVENT_BUS} and {@link JOB_SCHEDULER}
 *   (and of the {@link REDIS_CONNECTIONS} they share, on Redis)
 */
export function jobBackendProviders(overrides: JobBackendOverrides = {}): Provider[] {
  const onRedis = (config: ApiConfig): boolean => config.jobStore === 'redis';
  const keysOf = (config: ApiConfig): RedisKeys => new RedisKeys(config.redisKeyPrefix);
  return [
    {
      provide: REDIS_CONNECTIONS,
      inject: [API_CONFIG],
      // Opened at start-up, which then fails fast when Redis cannot be reached.
      useFactory: async (config: ApiConfig): Promise<RedisConnections | null> =>
        onRedis(config) && config.redisUrl !== undefined ? RedisConnections.open({ url: config.redisUrl }) : null,
    },
    choose(JOB_STORE, overrides.jobStore, (config, redis, clock) => {
      if (redis !== null) return new RedisJobStore(redis.commands, keysOf(config), config.jobRetentionMs, clock);
      return config.jobStore === 'memory' ? new InMemoryJobStore() : SqliteJobStore.open(resolve(config.sqlitePath));
    }),
    choose(JOB_EVENT_BUS, overrides.jobEventBus, (config, redis, clock) =>
      redis !== null
        ? new RedisJobEventBus(redis, keysOf(config), clock, {
            maxEntries: Math.max(1, config.eventLogMaxEntries),
            idleTtlMs: config.jobRetentionMs + EXPIRY_GRACE_MS,
          })
        : new InMemoryJobEventBus(config, clock),
    ),
    choose(JOB_SCHEDULER, overrides.jobScheduler, (config, redis, clock) =>
      redis !== null ? new RedisJobScheduler(redis.commands, keysOf(config), clock) : new InMemoryJobScheduler(clock),
    ),
  ];
}

function choose<T>(
  token: symbol,
  override: T | undefined,
  make: (config: ApiConfig, redis: RedisConnections | null, clock: Clock) => T,
): Provider {
  if (override !== undefined) return { provide: token, useValue: override };
  return { provide: token, inject: [API_CONFIG, REDIS_CONNECTIONS, CLOCK], useFactory: make };
}
