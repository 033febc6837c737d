import type { HeyGenErrorCodes } from './heygen-error-codes.js';

/** Marks errors of this package so guards work across realms, where `instanceof` fails. */
const BRAND = Symbol.for('heygen-mock.error');

/** Context an error may carry; each field is set only where it applies. */
export interface HeyGenErrorOptions {
  /** The underlying error or abort reason. */
  cause?: unknown;
  /** HTTP status of the response that failed, when there was one. */
  status?: number;
  /** The job the error is about, when it is about one job. */
  jobId?: string;
  /** How long the server asked the client to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * Base class of every error this package throws or rejects with.
 *
 * @example
 * ```ts
 * try { await client.waitForJob(id); } catch (e) { if (isHeyGenError(e)) console.log(e.code); }
 * ```
 */
export class HeyGenError extends Error {
  override name = 'HeyGenError';
  /** Stable, machine-readable identifier of the error kind (`ERR_…`); subclasses narrow it. */
  declare readonly code: string;
  /** HTTP status, when the error comes from a response. */
  declare readonly status?: number;
  /** The job concerned, when there is one. */
  declare readonly jobId?: string;
  /** Server-requested delay before a retry, in milliseconds. */
  declare readonly retryAfterMs?: number;

  /**
   * @param message - human-readable description
   * @param options - cause and context
   */
  constructor(message: string, options: HeyGenErrorOptions = {}) {
    super(message, options);
    Object.assign(this, options, { [BRAND]: true });
  }
}

/**
 * Tells whether a value is an error of this package, also across realms (iframes, workers,
 * duplicated package copies) where `instanceof` fails: it checks a brand, not the prototype
 * chain.
 *
 * @param value - anything caught
 */
export function isHeyGenError(value: unknown): value is HeyGenError;
/**
 * Tells whether a value is an error of this package with the given stable code, and narrows it
 * to that class; works across realms like the one-argument form.
 *
 * @param value - anything caught
 * @param code - the `code` of the error class to look for
 * @example
 * ```ts
 * if (isHeyGenError(e, 'ERR_JOB_FAILED')) console.log(e.job.error);
 * ```
 */
export function isHeyGenError<C extends keyof HeyGenErrorCodes>(value: unknown, code: C): value is HeyGenErrorCodes[C];
export function isHeyGenError(value: unknown, code?: string): boolean {
  return !!(value as Record<symbol, unknown> | null)?.[BRAND] && (!code || (value as HeyGenError).code == code);
}
