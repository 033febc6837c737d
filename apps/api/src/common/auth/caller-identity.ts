import type { FastifyRequest } from 'fastify';

const callers = new WeakMap<FastifyRequest, string>();

/**
 * Records the authenticated caller of a request.
 *
 * @param req - the request
 * @param callerId - the caller identity (hash of the key)
 */
export function setCallerId(req: FastifyRequest, callerId: string): void {
  callers.set(req, callerId);
}

/**
 * The caller recorded by the bearer guard.
 *
 * @param req - the request
 * @returns the caller identity, or `undefined` on a route without the guard
 */
export function callerIdOf(req: FastifyRequest): string | undefined {
  return callers.get(req);
}
