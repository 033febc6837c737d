import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isRedisUnreachable } from '../redis/redis-errors.js';
import { sendProblem, toProblem } from './problem-document.js';
import { ProblemException } from './problem.exception.js';

/** When to try again after the shared store could not be reached. */
const STORE_RETRY_AFTER_MS = 1000;

/**
 * Renders every exception as an RFC 9457 `application/problem+json` document with a stable
 * `type`. A shared store (Redis) that cannot be reached answers 503 with `Retry-After`, which
 * clients wait out. Anything else that is not an HTTP exception or a request Fastify refused is
 * a bug: it becomes a 500 whose detail hides the cause, while the log line keeps it together
 * with the request id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  /**
   * @param exception - whatever was thrown
   * @param host - the HTTP context of the failed request
   */
  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const reported = isRedisUnreachable(exception)
      ? ProblemException.limit('storeUnavailable', 'The job store (Redis) cannot be reached for the moment; try again.', STORE_RETRY_AFTER_MS)
      : exception;
    const problem = toProblem(reported, req);

    if (problem.status >= 500) {
      this.logger.error(
        { message: 'request failed', requestId: problem.requestId, method: req.method, path: problem.instance },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    sendProblem(reply, problem, reported instanceof ProblemException ? reported.retryAfterMs : undefined);
  }
}

