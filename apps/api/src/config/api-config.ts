/** Log levels accepted by `LOG_LEVEL`, from the least to the most verbose. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** The job store drivers `JOB_STORE` chooses from. */
export const JOB_STORE_DRIVERS = ['sqlite', 'memory', 'redis'] as const;

/** One of {@link JOB_STORE_DRIVERS}. */
export type JobStoreDriver = (typeof JOB_STORE_DRIVERS)[number];

/** One of {@link LOG_LEVELS}. */
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Validated server configuration. Every field maps to one environment variable, documented in
 * the workspace README; durations are milliseconds.
 */
export interface ApiConfig {
  /** `PORT`: port to listen on; `0` picks a free one. @default 3000 */
  readonly port: number;
  /** `HOST`: address to bind. @default '127.0.0.1' */
  readonly host: string;
  /** `JOB_TIME`: simulated job duration. @default 3000 */
  readonly jobTimeMs: number;
  /** `JOB_TIME_JITTER`: ± uniform random spread added to each simulated duration. @default 0 */
  readonly jobTimeJitterMs: number;
  /** `JOB_FAILURE_RATE`: share of jobs (0–1) that end in `error`. @default 0 */
  readonly jobFailureRate: number;
  /** `PROGRESS_INTERVAL_MS`: period of progress events; `0` turns them off. @default 1000 */
  readonly progressIntervalMs: number;
  /** `HEARTBEAT_MS`: period of the SSE heartbeat comment. @default 15000 */
  readonly heartbeatMs: number;
  /** `SSE_RETRY_MS`: the `retry:` field sent at the start of every stream. @default 1000 */
  readonly sseRetryMs: number;
  /**
   * `EVENT_LOG_MAX_ENTRIES`: entries kept in all callers' replay logs together (one per job of a
   * caller with a log); beyond it the least recently used callers' logs are dropped, and their
   * reconnects start with a snapshot. @default 200000
   */
  readonly eventLogMaxEntries: number;
  /** `LONG_POLL_MAX_MS`: cap applied to `waitMs`. @default 30000 */
  readonly longPollMaxMs: number;
  /** `POLL_MIN_MS`: smallest `pollAfterMs` hint. @default 100 */
  readonly pollMinMs: number;
  /** `JOB_RETENTION_MS`: how long a finished job stays readable. @default 3600000 */
  readonly jobRetentionMs: number;
  /** `LOG_LEVEL`: the most verbose level written. @default 'log' */
  readonly logLevel: LogLevelName;
  /**
   * `JOB_STORE`: where jobs are kept: `sqlite`, one durable file; `memory`, for the length of
   * the process; or `redis`, shared by every instance on the same Redis, which then also carries
   * the events and runs the simulation. @default 'sqlite'
   */
  readonly jobStore: JobStoreDriver;
  /** `SQLITE_PATH`: the SQLite file, relative to the working directory. @default './data/heygen-mock.sqlite' */
  readonly sqlitePath: string;
  /**
   * `REDIS_URL`: the Redis server of `JOB_STORE=redis` (required then), e.g.
   * `redis://127.0.0.1:6379`, `redis://:password@host:6379/2`, `rediss://…` for TLS.
   * @default undefined
   */
  readonly redisUrl?: string;
  /**
   * `REDIS_KEY_PREFIX`: put before every key this server writes on Redis, so that deployments
   * can share one Redis; instances of one deployment must use the same. @default 'heygen:'
   */
  readonly redisKeyPrefix: string;
  /** `MAX_PENDING_JOBS_PER_CALLER`: pending jobs one caller may have; a create beyond answers 429. @default 10000 */
  readonly maxPendingJobsPerCaller: number;
  /** `CREATE_RATE_PER_S`: creates per second one caller may sustain (token bucket refill). @default 1000 */
  readonly createRatePerS: number;
  /** `CREATE_BURST`: creates one caller may make at once (token bucket size). @default 10000 */
  readonly createBurst: number;
  /** `MAX_STREAMS_PER_CALLER`: event streams one caller may hold open; one more answers 429. @default 100 */
  readonly maxStreamsPerCaller: number;
  /** `MAX_WAITS_PER_CALLER`: long-polls one caller may have held at once; one more answers 429. @default 100 */
  readonly maxWaitsPerCaller: number;
  /** `MAX_JOBS`: jobs the server keeps in total, finished ones included; a create beyond answers 503. @default 200000 */
  readonly maxJobs: number;
  /** `MAX_STREAMS`: event streams the server holds in total; one more answers 503. @default 10000 */
  readonly maxStreams: number;
  /** `SHUTDOWN_TIMEOUT_MS`: how long shutdown waits for responses in flight before it cuts their connections. @default 10000 */
  readonly shutdownTimeoutMs: number;
}

/** The configuration used when no environment variable is set. */
export const DEFAULT_API_CONFIG: ApiConfig = Object.freeze({
  port: 3000,
  host: '127.0.0.1',
  jobTimeMs: 3000,
  jobTimeJitterMs: 0,
  jobFailureRate: 0,
  progressIntervalMs: 1000,
  heartbeatMs: 15_000,
  sseRetryMs: 1000,
  eventLogMaxEntries: 200_000,
  longPollMaxMs: 30_000,
  pollMinMs: 100,
  jobRetentionMs: 3_600_000,
  logLevel: 'log',
  jobStore: 'sqlite',
  sqlitePath: './data/heygen-mock.sqlite',
  redisKeyPrefix: 'heygen:',
  maxPendingJobsPerCaller: 10_000,
  createRatePerS: 1000,
  createBurst: 10_000,
  maxStreamsPerCaller: 100,
  maxWaitsPerCaller: 100,
  maxJobs: 200_000,
  maxStreams: 10_000,
  shutdownTimeoutMs: 10_000,
});

/** Dependency-injection token under which the validated {@link ApiConfig} is provided. */
export const API_CONFIG = Symbol('API_CONFIG');
