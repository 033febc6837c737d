/**
 * The API's contract as TypeScript types. `openapi.generated.ts` is generated from
 * `apps/api/openapi.json` (never edit it); the names below are the hand-written aliases that
 * the rest of the workspace imports.
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
