/**
 * The API's contract as TypeScript types. `openapi.generated.ts` is generated from
 * `apps/api/openapi.json` (never edit it); the names below are the hand-written aliases that
 * the rest of the workspace imports, and the few rules of the contract that its types cannot
 * carry (the id caps, the long-poll cap, the key format, which statuses are terminal), kept here
 * once.
 */
import type { components, operations, paths } from './openapi.generated.js';

export type { components, operations, paths };

type Schemas = components['schemas'];

/** A simulated job as the API reports it. */
export type Job = Schemas['Job'];
/** `pending` until the job ends as `completed` or `error`. */
export type JobStatus = Schemas['JobStatus'];
/** Why a job ended in `error`. */
export type JobError = Schemas['JobError'];
/** The outcome a job can be asked to end with (`POST /create`'s `outcome`). */
export type JobOutcome = Schemas['JobOutcome'];
/** Optional body of `POST /create`. */
export type CreateJobRequest = Schemas['CreateJobRequest'];
/** Body of `POST /status/batch`. */
export type BatchStatusRequest = Schemas['BatchStatusRequest'];
/** Answer of `POST /status/batch`. */
export type BatchStatusResponse = Schemas['BatchStatusResponse'];
/** An RFC 9457 problem document, as every error response carries. */
export type Problem = Schemas['Problem'];
/** One entry of a validation problem's `errors`. */
export type ValidationIssue = Schemas['ValidationIssue'];

/**
 * The most job ids one batch read may name: the `ids` of `POST /status/batch` (the spec's
 * `maxItems`; `tools/codegen` checks that the two agree).
 */
export const MAX_BATCH_JOB_IDS = 1000;

/**
 * The most job ids an event stream's `GET /status?ids=` may list, which fits in a request line
 * (the spec's description of `ids`; `tools/codegen` checks that the two agree).
 */
export const MAX_STREAM_JOB_IDS = 100;

/**
 * The longest long-poll a request may ask for: `waitMs` of `POST /status/batch` and of
 * `GET /status/{id}`, in milliseconds (the spec's `maximum`; `tools/codegen` checks that they
 * agree). A server may accept less: its `LONG_POLL_MAX_MS` is at most this.
 */
export const MAX_WAIT_MS = 30_000;

/**
 * A caller key as `Authorization: Bearer <key>` carries it: 16 to 128 characters from
 * `A-Z a-z 0-9 . _ ~ -` (the spec's `bearer` security scheme). A UUID is one.
 */
export const CALLER_KEY_PATTERN = /^[A-Za-z0-9._~-]{16,128}$/;

/** The statuses a job ends in. A job in one of them never changes again. */
export const TERMINAL_JOB_STATUSES = ['completed', 'error'] as const satisfies readonly JobStatus[];

/** One of {@link TERMINAL_JOB_STATUSES}. */
export type TerminalJobStatus = (typeof TERMINAL_JOB_STATUSES)[number];

/**
 * Whether a job in `status` has ended.
 *
 * @param status - a job's status
 * @returns true for `completed` and `error`
 * @example
 * if (isTerminalStatus(job.status)) done(job);
 */
export function isTerminalStatus(status: JobStatus): status is TerminalJobStatus {
  return (TERMINAL_JOB_STATUSES as readonly JobStatus[]).includes(status);
}

/** Accepts `never` only. */
type AssertNever<T extends never> = T;
// Fails to compile when the contract gains a status that is neither pending nor listed above.
type _EveryStatusClassified = AssertNever<Exclude<JobStatus, TerminalJobStatus | 'pending'>>;
