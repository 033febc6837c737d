import type { NextFunction, Request, Response } from 'express';
import { readJsonBody } from './read-json-body.js';

/**
 * Builds middleware that parses JSON request bodies up to `limit` bytes. It runs as Nest
 * middleware rather than Express's own parser so that a body that is too large, not JSON, or
 * malformed reaches the problem filter like any other error.
 *
 * @param limit - the largest body accepted on the routes it is applied to
 * @returns the middleware
 */
export function jsonBodyMiddleware(limit: number): (req: Request, res: Response, next: NextFunction) => Promise<void> {
  return async (req, _res, next) => {
    req.body = await readJsonBody(req, limit);
    next();
  };
}
