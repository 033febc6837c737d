import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's request logging, one line per request: `request completed` with the method, path,
 * status and response time, under the request's `requestId`. Fastify's own `incoming request`
 * line is dropped; event streams, which take the response over, log nothing when they end.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  /** Not logged: the completion line carries everything. */
  override incomingRequest(): void {
    // One line per request is enough.
  }

  /**
   * @param error - the error the response ended with, if any
   * @param request - the request
   * @param reply - its reply
   */
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const fields = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
