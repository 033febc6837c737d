import { type ApiConfig, DEFAULT_API_CONFIG, JOB_STORE_DRIVERS, LOG_LEVELS } from './api-config.js';
import { ConfigError } from './config-error.js';
import { redactUrl } from './redact-url.js';

/** The longest delay Node timers accept; longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;
const DAY_MS = 86_400_000;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the server configuration from environment variables.
 *
 * Unset and empty variables take their defaults; anything else must parse completely.
 *
 * @param env - the environment to read, `process.env` in production
 * @returns the frozen configuration
 * @throws {@link ConfigError} naming the first variable whose value is unusable
 * @example
 * ```ts
 * const config = loadConfig({ PORT: '0', JOB_TIME: '200' });
 * ```
 */
export function loadConfig(env: Env): ApiConfig {
  const d = DEFAULT_API_CONFIG;
  if (raw(env, 'SSE_REPLAY_LIMIT') !== undefined) {
    throw new ConfigError(
      'SSE_REPLAY_LIMIT',
      '`SSE_REPLAY_LIMIT` is no longer read: a caller\'s replay log keeps one entry per job, and `EVENT_LOG_MAX_ENTRIES` bounds all logs together. Unset it.',
    );
  }
  const jobStore = oneOf(env, 'JOB_STORE', JOB_STORE_DRIVERS, d.jobStore);
  const redisUrl = redisUrlOf(env, 'REDIS_URL');
  if (jobStore === 'redis' && redisUrl === undefined) {
    throw new ConfigError('REDIS_URL', '`REDIS_URL` is required when `JOB_STORE=redis`, e.g. redis://127.0.0.1:6379.');
  }
  return Object.freeze({
    port: integer(env, 'PORT', d.port, 0, 65_535),
    host: host(env, 'HOST', d.host),
    jobTimeMs: integer(env, 'JOB_TIME', d.jobTimeMs, 0, DAY_MS),
    jobTimeJitterMs: integer(env, 'JOB_TIME_JITTER', d.jobTimeJitterMs, 0, DAY_MS),
    jobFailureRate: fraction(env, 'JOB_FAILURE_RATE', d.jobFailureRate),
    progressIntervalMs: offOrInteger(env, 'PROGRESS_INTERVAL_MS', d.progressIntervalMs, 10, DAY_MS),
    heartbeatMs: integer(env, 'HEARTBEAT_MS', d.heartbeatMs, 10, MAX_TIMER_MS),
    sseRetryMs: integer(env, 'SSE_RETRY_MS', d.sseRetryMs, 0, MAX_TIMER_MS),
    eventLogMaxEntries: integer(env, 'EVENT_LOG_MAX_ENTRIES', d.eventLogMaxEntries, 0, 100_000_000),
    // The published contract caps `waitMs` at 30000, so the server may lower the cap but not raise it.
    longPollMaxMs: integer(env, 'LONG_POLL_MAX_MS', d.longPollMaxMs, 0, 30_000),
    pollMinMs: integer(env, 'POLL_MIN_MS', d.pollMinMs, 1, DAY_MS),
    jobRetentionMs: integer(env, 'JOB_RETENTION_MS', d.jobRetentionMs, 0, MAX_TIMER_MS),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, d.logLevel),
    jobStore,
    sqlitePath: filePath(env, 'SQLITE_PATH', d.sqlitePath),
    ...(redisUrl === undefined ? {} : { redisUrl }),
    redisKeyPrefix: keyPrefix(env, 'REDIS_KEY_PREFIX', d.redisKeyPrefix),
    maxPendingJobsPerCaller: integer(env, 'MAX_PENDING_JOBS_PER_CALLER', d.maxPendingJobsPerCaller, 1, 100_000_000),
    createRatePerS: integer(env, 'CREATE_RATE_PER_S', d.createRatePerS, 1, 1_000_000),
    createBurst: integer(env, 'CREATE_BURST', d.createBurst, 1, 100_000_000),
    maxStreamsPerCaller: integer(env, 'MAX_STREAMS_PER_CALLER', d.maxStreamsPerCaller, 1, 1_000_000),
    maxWaitsPerCaller: integer(env, 'MAX_WAITS_PER_CALLER', d.maxWaitsPerCaller, 1, 1_000_000),
    maxJobs: integer(env, 'MAX_JOBS', d.maxJobs, 1, 100_000_000),
    maxStreams: integer(env, 'MAX_STREAMS', d.maxStreams, 1, 10_000_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', d.shutdownTimeoutMs, 0, MAX_TIMER_MS),
  });
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `Expected \`${name}\` to be an integer from ${min} to ${max}, got "${value}".`);
  }
  return parsed;
}

function offOrInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  if (raw(env, name) === '0') return 0;
  try {
    return integer(env, name, fallback, min, max);
  } catch {
    throw new ConfigError(name, `Expected \`${name}\` to be 0 (off) or an integer from ${min} to ${max}, got "${raw(env, name)}".`);
  }
}

function fraction(env: Env, name: string, fallback: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= 0 && parsed <= 1)) {
    throw new ConfigError(name, `Expected \`${name}\` to be a number from 0 to 1, got "${value}".`);
  }
  return parsed;
}

function host(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (/\s|\//.test(value)) {
    throw new ConfigError(name, `Expected \`${name}\` to be a host name or IP address, got "${value}".`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) {
    throw new ConfigError(name, `Expected \`${name}\` to be one of ${choices.join(', ')}, got "${value}".`);
  }
  return choice;
}

function filePath(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (value.includes('\0') || value.endsWith('/')) {
    throw new ConfigError(name, `Expected \`${name}\` to be the path of a file, got "${value}".`);
  }
  return value;
}

function redisUrlOf(env: Env, name: string): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const database = url?.pathname.replace(/^\//, '') ?? '';
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '' || !/^\d{0,2}$/.test(database)) {
    throw new ConfigError(name, `Expected \`${name}\` to be a redis:// or rediss:// URL with a host (and at most a database number as its path), got "${redactUrl(value)}".`);
  }
  return value;
}

function keyPrefix(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^[\w:.-]{1,64}$/.test(value)) {
    throw new ConfigError(name, `Expected \`${name}\` to be 1 to 64 letters, digits or _ : . -, got "${value}".`);
  }
  return value;
}
