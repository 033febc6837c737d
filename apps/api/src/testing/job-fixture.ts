import type { JobDto } from '../jobs/dto/job.dto.js';
import type { JobEvent } from '../jobs/events/job-event.js';

/**
 * A job state for tests: pending unless told otherwise.
 *
 * @param overrides - fields to change
 * @returns the job
 */
export function jobFixture(overrides: Partial<JobDto> = {}): JobDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    status: 'pending',
    progress: 0,
    createdAt: '2026-11-29T07:00:00.000Z',
    updatedAt: '2026-11-29T07:00:00.000Z',
    expectedCompletionAt: '2026-11-29T07:00:01.000Z',
    completedAt: null,
    error: null,
    pollAfterMs: 1000,
    ...overrides,
  };
}

/**
 * An event about a job.
 *
 * @param id - the event id
 * @param jobId - the job it is about
 * @param overrides - fields of the job's state
 * @returns the event
 */
export function jobEventFixture(id: number, jobId: string, overrides: Partial<JobDto> = {}): JobEvent {
  return { id, job: jobFixture({ ...overrides, id: jobId }) };
}
