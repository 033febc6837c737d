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
      SSE_REPLAY_LIMIT: '10',
      LONG_POLL_MAX_MS: '5000',
      POLL_MIN_MS: '50',
      JOB_RETENTION_MS: '1000',
      LOG_LEVEL: 'debug',
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
      sseReplayLimit: 10,
      longPollMaxMs: 5000,
      pollMinMs: 50,
      jobRetentionMs: 1000,
      logLevel: 'debug',
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
  ])('rejects %s=%s with an error that names the variable', (variable, value) => {
    const load = (): unknown => loadConfig({ [variable]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`\`${variable}\``);
    expect(load).toThrow(value);
  });
});
