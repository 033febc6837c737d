import type { ApiConfig } from '../config/api-config.js';
import type { RandomSource } from '../common/time/random.js';
import type { CreateJobDto } from './dto/create-job.dto.js';
import { MAX_DURATION_MS } from './dto/create-job.dto.js';
import type { JobOutcome } from './dto/job-status.js';

/** How a simulated job will run. */
export interface JobPlan {
  readonly durationMs: number;
  readonly outcome: JobOutcome;
}

/**
 * Decides a new job's duration and outcome: the caller's overrides when given, otherwise
 * `JOB_TIME` with uniform ± `JOB_TIME_JITTER` and failure with probability `JOB_FAILURE_RATE`.
 *
 * @param config - the server configuration
 * @param overrides - the caller's request body
 * @param random - uniform numbers in [0, 1)
 * @returns the plan
 */
export function planJob(
  config: Pick<ApiConfig, 'jobTimeMs' | 'jobTimeJitterMs' | 'jobFailureRate'>,
  overrides: CreateJobDto,
  random: RandomSource,
): JobPlan {
  const jitter = config.jobTimeJitterMs === 0 ? 0 : Math.round((random() * 2 - 1) * config.jobTimeJitterMs);
  const durationMs = overrides.durationMs ?? Math.min(MAX_DURATION_MS, Math.max(0, config.jobTimeMs + jitter));
  // `random()` is in [0, 1), so a rate of 0 never fails a job and a rate of 1 fails every one.
  const outcome = overrides.outcome ?? (random() < config.jobFailureRate ? 'error' : 'completed');
  return { durationMs, outcome };
}
