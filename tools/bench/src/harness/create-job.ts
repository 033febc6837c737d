import type { Job } from '@heygen-mock/contracts';
import { createJobDirect } from '@heygen-mock/testing';

/**
 * Creates one job lasting about `ms` with a plain request, as a caller other than the watcher
 * under test would: the API takes whole non-negative milliseconds, the bench's durations are
 * drawn at random.
 *
 * @param url - the server's base URL
 * @param apiKey - the caller key
 * @param ms - the job's simulated duration
 * @returns the created job
 */
export function createJobLasting(url: string, apiKey: string, ms: number): Promise<Job> {
  return createJobDirect(url, apiKey, { durationMs: Math.max(0, Math.round(ms)) });
}
