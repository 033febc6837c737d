/**
 * The stable `type` URIs of every problem the API answers with, and their titles. Clients branch
 * on `type`; the titles are for people.
 */
export const PROBLEM_TYPES = {
  validation: { type: 'urn:heygen-mock:problem:validation', title: 'The request is not valid.' },
  unauthorized: { type: 'urn:heygen-mock:problem:unauthorized', title: 'A valid caller key is required.' },
  jobNotFound: { type: 'urn:heygen-mock:problem:job-not-found', title: 'No such job.' },
  routeNotFound: { type: 'urn:heygen-mock:problem:route-not-found', title: 'No such route.' },
  payloadTooLarge: { type: 'urn:heygen-mock:problem:payload-too-large', title: 'The request body is too large.' },
  unsupportedMediaType: {
    type: 'urn:heygen-mock:problem:unsupported-media-type',
    title: 'The request body must be JSON.',
  },
  tooManyPendingJobs: { type: 'urn:heygen-mock:problem:too-many-pending-jobs', title: 'The caller has as many pending jobs as it may.' },
  createRateExceeded: { type: 'urn:heygen-mock:problem:create-rate-exceeded', title: 'The caller creates jobs faster than it may.' },
  tooManyStreams: { type: 'urn:heygen-mock:problem:too-many-streams', title: 'The caller has as many event streams open as it may.' },
  tooManyWaits: { type: 'urn:heygen-mock:problem:too-many-waits', title: 'The caller has as many long-polls held as it may.' },
  jobCapacityReached: { type: 'urn:heygen-mock:problem:job-capacity-reached', title: 'The server keeps as many jobs as it can.' },
  streamCapacityReached: { type: 'urn:heygen-mock:problem:stream-capacity-reached', title: 'The server holds as many event streams as it can.' },
  storeUnavailable: { type: 'urn:heygen-mock:problem:store-unavailable', title: 'The job store cannot be reached.' },
  internal: { type: 'urn:heygen-mock:problem:internal', title: 'The server failed unexpectedly.' },
} as const;

/** Key of one entry of {@link PROBLEM_TYPES}. */
export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Media type of every error body (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
