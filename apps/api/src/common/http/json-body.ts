import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from '../problems/problem.exception.js';

/**
 * Refuses a body that Fastify's JSON parser would misread: one in another charset than UTF-8,
 * or compressed. The media type itself and the size are Fastify's own checks (`415`, `413`).
 *
 * @param request - a request with a JSON body
 * @returns the problem to answer with, or `undefined` for a readable body
 */
function undecodable(request: FastifyRequest): ProblemException | undefined {
  const { 'content-type': contentType = '', 'content-encoding': encoding } = request.headers;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return new ProblemException('unsupportedMediaType', `Expected a UTF-8 body, got charset "${charset}".`);
  }
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return new ProblemException('unsupportedMediaType', `Content-Encoding "${encoding}" is not supported.`);
  }
  return undefined;
}

/**
 * Registers the JSON body parser: Fastify's own (with its protection against prototype
 * poisoning), except that an empty body counts as no body, as it does without a
 * `Content-Type`; clients that always send the header may then omit an optional body.
 * Any other media type keeps no parser, so Fastify answers it with a 415, and so does a body in
 * another charset or with a `Content-Encoding`.
 *
 * @param fastify - the server instance, before routes are added
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  // The parser runs for JSON bodies only, so reads without a body pay nothing for it.
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const refused = undecodable(request);
    if (refused !== undefined) done(refused, undefined);
    else if (body === '') done(null, undefined);
    else parseJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
}
