import { HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ProblemException } from './problem.exception.js';
import { PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, type ProblemKind } from './problem-types.js';
import type { ValidationIssue } from './validation-issue.js';

/** The body of every error response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: readonly ValidationIssue[];
}

// Statuses Nest or Fastify raise by themselves, mapped onto the API's own problem kinds.
const KIND_BY_STATUS: Partial<Record<number, ProblemKind>> = {
  400: 'validation',
  401: 'unauthorized',
  404: 'routeNotFound',
  413: 'payloadTooLarge',
  415: 'unsupportedMediaType',
};

/**
 * What Fastify throws for a request it refuses before any handler runs (body size, media type,
 * syntax). Nest hands it over wrapped in an `HttpException` whose `cause` it is.
 */
interface FastifyClientError extends Error {
  readonly statusCode: number;
  readonly code: string;
}

function fastifyClientErrorOf(exception: unknown): FastifyClientError | undefined {
  const error = exception instanceof HttpException ? exception.cause : exception;
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  const refused = error instanceof Error && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 && typeof code === 'string';
  return refused ? (error as FastifyClientError) : undefined;
}

/**
 * The problem document for an exception.
 *
 * @param exception - whatever was thrown
 * @param req - the failed request
 * @returns the body to send
 */
export function toProblem(exception: unknown, req: FastifyRequest): ProblemBody {
  const base = { instance: pathOf(req.url), requestId: req.id };
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
  const refused = fastifyClientErrorOf(exception);
  if (refused !== undefined) return fromFastify(refused, req, base);
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    const kind = KIND_BY_STATUS[status];
    const detail = kind === 'routeNotFound' ? `No route matches ${req.method} ${base.instance}.` : exception.message;
    return kind === undefined ? generic(status, detail, base) : { ...PROBLEM_TYPES[kind], status, detail, ...base, ...(kind === 'validation' ? { errors: [] } : {}) };
  }
  return { ...PROBLEM_TYPES.internal, status: 500, detail: `See the server log for request ${base.requestId}.`, ...base };
}

// Fastify's 400s, in the words of the API's validation problems.
const BAD_REQUESTS: Readonly<Record<string, ValidationIssue>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { in: 'body', name: '', detail: 'is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { in: 'body', name: '', detail: 'must not be empty when Content-Type is application/json' },
  FST_ERR_BAD_URL: { in: 'path', name: '', detail: 'is not a valid URL (malformed percent-encoding)' },
};

/** Fastify's refusals of a body (size, media type, syntax), in the API's words. */
function fromFastify(error: FastifyClientError, req: FastifyRequest, base: Pick<ProblemBody, 'instance' | 'requestId'>): ProblemBody {
  const status = error.statusCode;
  const kind = KIND_BY_STATUS[status];
  if (kind === 'payloadTooLarge') {
    return { ...PROBLEM_TYPES[kind], status, detail: `The body must not exceed ${req.routeOptions.bodyLimit} bytes.`, ...base };
  }
  if (kind === 'unsupportedMediaType') {
    const essence = (req.headers['content-type'] ?? '').split(';')[0]?.trim() || 'none';
    return { ...PROBLEM_TYPES[kind], status, detail: `Expected Content-Type application/json, got "${essence}".`, ...base };
  }
  if (kind === 'validation') {
    const issue = BAD_REQUESTS[error.code] ?? { in: 'body', name: '', detail: error.message };
    return { ...PROBLEM_TYPES.validation, status, detail: `${issue.in}: ${issue.detail}`, ...base, errors: [issue] };
  }
  return generic(status, error.message, base);
}

function generic(status: number, detail: string, base: Pick<ProblemBody, 'instance' | 'requestId'>): ProblemBody {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...base };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Sends a problem document, unless the response has begun: a stream already under way cannot
 * change its status, so it is cut, the only honest signal left.
 *
 * @param reply - the reply of the failed request
 * @param problem - the document
 * @param retryAfterMs - for a limit, when a retry may succeed; sent as `Retry-After` in whole
 *   seconds, rounded up
 */
export function sendProblem(reply: FastifyReply, problem: ProblemBody, retryAfterMs?: number): void {
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.destroy();
    return;
  }
  if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
  if (retryAfterMs !== undefined) void reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  void reply.code(problem.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem));
}
