import type { Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { InMemoryJobStore } from './in-memory-job-store.js';
import { JOB_STORE, type JobStore } from './job-store.js';
import { SqliteJobStore } from './sqlite/sqlite-job-store.js';

/**
 * The one place where `JOB_STORE` picks the job store driver: `sqlite` (the default, a durable
 * file at `SQLITE_PATH`, relative to the working directory) or `memory`.
 *
 * @param override - a store to use whatever the configuration says (tests)
 * @returns the provider of {@link JOB_STORE}
 */
export function jobStoreProvider(override?: JobStore): Provider {
  if (override !== undefined) return { provide: JOB_STORE, useValue: override };
  return {
    provide: JOB_STORE,
    inject: [API_CONFIG],
    useFactory: (config: ApiConfig): JobStore => (config.jobStore === 'memory' ? new InMemoryJobStore() : SqliteJobStore.open(resolve(config.sqlitePath))),
  };
}
