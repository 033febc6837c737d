import type { FastifyRequest } from 'fastify';

const CALLER_ID = Symbol('callerId');

type IdentifiedRequest = FastifyRequest & { [CALLER_ID]?: string };

/**
 * Records the authenticated caller of a request, on the request itself under a property only
 * this module can name.
 *
 * @param req - the request
 * @param callerId - the caller identity (hash of the key)
 */
export function setCallerId(req: FastifyRequest, callerId: string): void {
  (req as IdentifiedRequest)[CALLER_ID] = callerId;
}

/**
 * The caller recorded by the bearer guard.
 *
 * @param req - the request
 * @returns the caller identity, or `undefined` on a route without the guard
 */
export function callerIdOf(req: FastifyRequest): string | undefined {
  return (req as IdentifiedRequest)[CALLER_ID];
}
