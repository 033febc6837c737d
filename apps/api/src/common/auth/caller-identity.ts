import type { Request } from 'express';

const callers = new WeakMap<Request, string>();

/**
 * Records the authenticated caller of a request.
 *
 * @param req - the request
 * @param callerId - the caller identity (hash of the key)
 */
export function setCallerId(req: Request, callerId: string): void {
  callers.set(req, callerId);
}

/**
 * The caller recorded by the bearer guard.
 *
 * @param req - the request
 * @returns the caller identity, or `undefined` on a route without the guard
 */
export function callerIdOf(req: Request): string | undefined {
  return callers.get(req);
}
