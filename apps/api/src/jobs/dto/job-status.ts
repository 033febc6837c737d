/** The states of a job: `pending` until it ends as `completed` or `error`. */
export const JOB_STATUSES = ['pending', 'completed', 'error'] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The outcomes a caller may ask the simulation for. */
export const JOB_OUTCOMES = ['completed', 'error'] as const;

/** One of {@link JOB_OUTCOMES}. */
export type JobOutcome = (typeof JOB_OUTCOMES)[number];
