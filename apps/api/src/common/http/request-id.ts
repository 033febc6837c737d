import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Header that carries the request identifier both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

const ids = new WeakMap<Request, string>();
// An incoming id is echoed into headers and logs, so only a short plain token is trusted.
const ACCEPTABLE_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/**
 * Express middleware that gives every request an identifier: the caller's `X-Request-Id` when it
 * is a short plain token, a fresh UUID otherwise. The id is echoed in the response header and in
 * problem documents so that a failure can be matched to its log line.
 *
 * @param req - incoming request
 * @param res - outgoing response
 * @param next - continues the chain
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const offered = req.get(REQUEST_ID_HEADER);
  const id = offered !== undefined && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  ids.set(req, id);
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/**
 * The identifier given to a request by {@link requestIdMiddleware}.
 *
 * @param req - the request
 * @returns its id, or `'unknown'` for a request that bypassed the middleware
 */
export function requestIdOf(req: Request): string {
  return ids.get(req) ?? 'unknown';
}
