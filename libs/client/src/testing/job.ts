import type { Job } from '@heygen-mock/contracts';

let sequence = 0;

/**
 * A job as the server would report it, for unit tests: pending for 1 s from "now", unless
 * `overrides` say otherwise. Times are ISO strings of the (possibly fake) clock.
 */
export function makeJob(overrides: Partial<Job> = {}): Job {
  const now = Date.now();
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
  const status = overrides.status ?? 'pending';
  return {
    id,
    status,
    progress: status == 'completed' ? 100 : 0,
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    expectedCompletionAt: new Date(now + 1000).toISOString(),
    completedAt: status == 'pending' ? null : new Date(now).toISOString(),
    error: status == 'error' ? { code: 'simulated-failure', message: 'The simulated job failed.' } : null,
    pollAfterMs: status == 'pending' ? 1000 : null,
    ...overrides,
  };
}

/** A later state of `job`: `ms` after its last update, with `changes`. */
export function nextState(job: Job, changes: Partial<Job>, ms = 100): Job {
  return { ...job, updatedAt: new Date(Date.parse(job.updatedAt) + ms).toISOString(), ...changes };
}
