import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from '../problems/problem.exception.js';

/**
 * Fastify `preParsing` hook: refuses, before a byte of it is read, a body that Fastify's JSON
 * parser would misread: one in another charset than UTF-8, or compressed. The media type itself
 * and the size are Fastify's own checks (`415`, `413`).
 *
 * @param request - the incoming request
 * @throws {@link ProblemException} `unsupportedMediaType`
 */
export async function refuseUndecodableBody(request: FastifyRequest): Promise<void> {
  const { 'content-type': contentType, 'content-encoding': encoding, 'content-length': length, 'transfer-encoding': chunked } = request.headers;
  // [RFC 9112 §6.3] a body follows the headers when Transfer-Encoding is set or Content-Length is above zero.
  const hasBody = chunked !== undefined || (length !== undefined && length !== '0');
  if (!hasBody || contentType === undefined) return;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ProblemException('unsupportedMediaType', `Expected a UTF-8 body, got charset "${charset}".`);
  }
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new ProblemException('unsupportedMediaType', `Content-Encoding "${encoding}" is not supported.`);
  }
}

/**
 * Registers the JSON body parser: Fastify's own (with its protection against prototype
 * poisoning), except that an empty body counts as no body, as it does without a
 * `Content-Type`; clients that always send the header may then omit an optional body.
 * Any other media type keeps no parser, so Fastify answers it with a 415.
 *
 * @param fastify - the server instance, before routes are added
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else parseJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
  fastify.addHook('preParsing', refuseUndecodableBody);
}
