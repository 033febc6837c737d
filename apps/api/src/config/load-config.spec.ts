import { DEFAULT_API_CONFIG } from './api-config.js';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('returns the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual(DEFAULT_API_CONFIG);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', JOB_TIME: '  ' })).toEqual(DEFAULT_API_CONFIG);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '::1',
      JOB_TIME: '250',
      JOB_TIME_JITTER: '50',
      JOB_FAILURE_RATE: '0.25',
      PROGRESS_INTERVAL_MS: '0',
      HEARTBEAT_MS: '500',
      SSE_RETRY_MS: '200',
      EVENT_LOG_MAX_ENTRIES: '10',
      LONG_POLL_MAX_MS: '5000',
      POLL_MIN_MS: '50',
      JOB_RETENTION_MS: '1000',
      LOG_LEVEL: 'debug',
      JOB_STORE: 'memory',
      SQLITE_PATH: '/var/lib/heygen/jobs.sqlite',
      REDIS_URL: 'redis://127.0.0.1:6380/2',
      REDIS_KEY_PREFIX: 'staging:',
      MAX_PENDING_JOBS_PER_CALLER: '5',
      CREATE_RATE_PER_S: '2',
      CREATE_BURST: '3',
      MAX_STREAMS_PER_CALLER: '4',
      MAX_WAITS_PER_CALLER: '6',
      MAX_JOBS: '7',
      MAX_STREAMS: '8',
      SHUTDOWN_TIMEOUT_MS: '9',
    });
    expect(config).toEqual({
      port: 0,
      host: '::1',
      jobTimeMs: 250,
      jobTimeJitterMs: 50,
      jobFailureRate: 0.25,
      progressIntervalMs: 0,
      heartbeatMs: 500,
      sseRetryMs: 200,
      eventLogMaxEntries: 10,
      longPollMaxMs: 5000,
      pollMinMs: 50,
      jobRetentionMs: 1000,
      logLevel: 'debug',
      jobStore: 'memory',
      sqlitePath: '/var/lib/heygen/jobs.sqlite',
      redisUrl: 'redis://127.0.0.1:6380/2',
      redisKeyPrefix: 'staging:',
      maxPendingJobsPerCaller: 5,
      createRatePerS: 2,
      createBurst: 3,
      maxStreamsPerCaller: 4,
      maxWaitsPerCaller: 6,
      maxJobs: 7,
      maxStreams: 8,
      shutdownTimeoutMs: 9,
    });
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '3e3'],
    ['JOB_TIME', '-1'],
    ['JOB_TIME', '1.5'],
    ['JOB_FAILURE_RATE', '1.01'],
    ['JOB_FAILURE_RATE', 'half'],
    ['PROGRESS_INTERVAL_MS', '5'],
    ['LONG_POLL_MAX_MS', '30001'],
    ['POLL_MIN_MS', '0'],
    ['HOST', 'http://localhost'],
    ['LOG_LEVEL', 'info'],
    ['MAX_PENDING_JOBS_PER_CALLER', '0'],
    ['CREATE_RATE_PER_S', '0.5'],
    ['MAX_JOBS', 'lots'],
    ['JOB_STORE', 'postgres'],
    ['SQLITE_PATH', './data/'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', 'redis://127.0.0.1:6379/jobs'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['REDIS_KEY_PREFIX', 'a b'],
  ])('rejects %s=%s with an error that names the variable', (variable, value) => {
    const load = (): unknown => loadConfig({ [variable]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`\`${variable}\``);
    expect(load).toThrow(value);
  });

  it('requires REDIS_URL with JOB_STORE=redis, and takes it then', () => {
    expect(() => loadConfig({ JOB_STORE: 'redis' })).toThrow(/`REDIS_URL` is required when `JOB_STORE=redis`/);
    expect(loadConfig({ JOB_STORE: 'redis', REDIS_URL: 'rediss://cache.internal:6380' })).toMatchObject({ jobStore: 'redis', redisUrl: 'rediss://cache.internal:6380' });
  });

  it('never repeats a password of REDIS_URL in its error', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://user:s3cret@cache/jobs' })).toThrow(/redis:\/\/user:\*\*\*@cache\/jobs/);
    expect(() => loadConfig({ REDIS_URL: 'redis://user:s3cret@cache/jobs' })).not.toThrow(/s3cret/);
  });

  it('refuses the removed SSE_REPLAY_LIMIT with a message that says what replaced it', () => {
    expect(() => loadConfig({ SSE_REPLAY_LIMIT: '1000' })).toThrow(/EVENT_LOG_MAX_ENTRIES/);
  });
});
