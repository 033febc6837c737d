import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { requestIdOf } from '../http/request-id.js';
import { ProblemException } from './problem.exception.js';
import { PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, type ProblemKind } from './problem-types.js';
import type { ValidationIssue } from './validation-issue.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: readonly ValidationIssue[];
}

// Statuses Nest or Express raise by themselves, mapped onto the API's own problem kinds.
const KIND_BY_STATUS: Partial<Record<number, ProblemKind>> = {
  400: 'validation',
  401: 'unauthorized',
  404: 'routeNotFound',
  413: 'payloadTooLarge',
  415: 'unsupportedMediaType',
};

/**
 * Renders every exception as an RFC 9457 `application/problem+json` document with a stable
 * `type`. Anything that is not an HTTP exception is a bug: it becomes a 500 whose detail hides
 * the cause, while the log line keeps it together with the request id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  /**
   * @param exception - whatever was thrown
   * @param host - the HTTP context of the failed request
   */
  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception, req);

    if (problem.status >= 500) {
      this.logger.error(
        { message: 'request failed', requestId: problem.requestId, method: req.method, path: req.path },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (res.headersSent) {
      // A stream already under way cannot change its status; cutting it is the only honest signal.
      res.destroy();
      return;
    }
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(problem.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: Request): ProblemBody {
    const base = { instance: req.path, requestId: requestIdOf(req) };
    if (exception instanceof ProblemException) {
      const { type, title } = PROBLEM_TYPES[exception.kind];
      return {
        type,
        title,
        status: exception.getStatus(),
        detail: exception.detail,
        ...base,
        ...(exception.errors === undefined ? {} : { errors: exception.errors }),
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const kind = KIND_BY_STATUS[status];
      const detail = kind === 'routeNotFound' ? `No route matches ${req.method} ${req.path}.` : exception.message;
      if (kind === undefined) {
        return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...base };
      }
      return {
        ...PROBLEM_TYPES[kind],
        status,
        detail,
        ...base,
        ...(kind === 'validation' ? { errors: [] } : {}),
      };
    }
    return { ...PROBLEM_TYPES.internal, status: 500, detail: `See the server log for request ${base.requestId}.`, ...base };
  }
}
