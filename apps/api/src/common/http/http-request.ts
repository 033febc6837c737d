import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The request of an HTTP handler's execution context, its first argument: what
 * `context.switchToHttp().getRequest()` returns, without the three closures that
 * `switchToHttp()` adds to the context on every call. Guards and parameter decorators run on
 * every request.
 *
 * @param context - the context of an HTTP route
 * @returns its request
 */
export function httpRequestOf(context: ExecutionContext): FastifyRequest {
  return context.getArgByIndex<FastifyRequest>(0);
}
