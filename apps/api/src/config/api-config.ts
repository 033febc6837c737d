/** Log levels accepted by `LOG_LEVEL`, from the least to the most verbose. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

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
  /** `SSE_REPLAY_LIMIT`: events kept per caller for `Last-Event-ID` replay. @default 1000 */
  readonly sseReplayLimit: number;
  /** `LONG_POLL_MAX_MS`: cap applied to `waitMs`. @default 30000 */
  readonly longPollMaxMs: number;
  /** `POLL_MIN_MS`: smallest `pollAfterMs` hint. @default 100 */
  readonly pollMinMs: number;
  /** `JOB_RETENTION_MS`: how long a finished job stays readable. @default 3600000 */
  readonly jobRetentionMs: number;
  /** `LOG_LEVEL`: the most verbose level written. @default 'log' */
  readonly logLevel: LogLevelName;
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
  sseReplayLimit: 1000,
  longPollMaxMs: 30_000,
  pollMinMs: 100,
  jobRetentionMs: 3_600_000,
  logLevel: 'log',
});

/** Dependency-injection token under which the validated {@link ApiConfig} is provided. */
export const API_CONFIG = Symbol('API_CONFIG');
