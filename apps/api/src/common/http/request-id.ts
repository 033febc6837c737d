import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Header that carries the request identifier both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

// An incoming id is echoed into headers and logs, so only a short plain token is trusted.
const ACCEPTABLE_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when it is a short plain token, a fresh UUID
 * otherwise. Fastify exposes it as `request.id` and logs it as `requestId`; the server echoes it
 * in the response header and in problem documents so that a failure can be matched to its log
 * line.
 *
 * @param req - the incoming request
 * @returns the request's id
 */
export function requestIdFor(req: { readonly headers: IncomingHttpHeaders }): string {
  const offered = req.headers['x-request-id'];
  return typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
}
