import fastifyCors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { MAX_BODY_BYTES } from './common/http/body-limits.js';
import { useJsonBodies } from './common/http/json-body.js';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id.js';
import { createLogger } from './common/logging/logger.js';
import { sendProblem, toProblem } from './common/problems/problem-document.js';
import { NestPinoLogger } from './common/logging/nest-pino-logger.js';
import { RequestLogController } from './common/logging/request-log-controller.js';
import { fastifyLogger } from './common/logging/fastify-logger.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { POLL_AFTER_MS_HEADER } from './jobs/poll-hints.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions extends AppModuleOptions {
  /** Where logs go; `false` silences them. @default JSON lines on standard output at `LOG_LEVEL` */
  readonly logger?: Logger | false;
}

/**
 * Builds the configured application on Fastify without listening: request ids, JSON bodies with
 * their size limits, CORS, the OpenAPI document at `/openapi.json` and Swagger UI at `/docs`.
 * Used by the server entry point, the OpenAPI generator and the tests alike, so that all three
 * see the same application.
 *
 * @param options - configuration, collaborators and logger
 * @returns the initialised application
 * @example
 * ```ts
 * const app = await createApp({ config: loadConfig(process.env) });
 * await app.listen(0, '127.0.0.1');
 * ```
 */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger === false ? createLogger('silent') : (options.logger ?? createLogger(options.config.logLevel));
  const adapter = new FastifyAdapter({
    loggerInstance: fastifyLogger(logger),
    genReqId: requestIdFor,
    logController: new RequestLogController(),
    bodyLimit: MAX_BODY_BYTES,
    // The API has no Nest middleware, only Fastify hooks: without middie, a request runs one
    // hook less. Uploads are not accepted either.
    skipMiddie: true,
    multipart: false,
    // A URL the router cannot read is refused before routing, so before Nest's exception layer.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, toProblem(error, request)),
  });
  const fastify = adapter.getInstance();
  useJsonBodies(fastify);
  fastify.addHook('onRoute', applyBodyLimitFromConfig);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), adapter, {
    // Fastify's own JSON parser reads bodies; Nest's would add a form parser the API does not want.
    bodyParser: false,
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  // Keys travel in a header, never in cookies, so any origin may call; browsers must be allowed
  // to send the key and to read the polling hints. The plugin itself rather than
  // `app.enableCors()`, whose hook copies the headers onto the raw response of every request (a
  // sixth of a status read's CPU time); the event stream, which writes the raw response, sends
  // the reply's headers itself.
  await app.register(fastifyCors, {
    origin: '*',
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', REQUEST_ID_HEADER],
    // Joined once here: the plugin would join a list on every request.
    exposedHeaders: ['Location', 'Retry-After', POLL_AFTER_MS_HEADER, REQUEST_ID_HEADER].join(', '),
    maxAge: 600,
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
  });
  await app.init();
  return app;
}

/**
 * Fastify sets `bodyLimit` per route, and Nest's decorators reach only a route's `config`: a
 * route declared with `@RouteConfig({ bodyLimit })` gets that limit.
 */
function applyBodyLimitFromConfig(route: RouteOptions): void {
  const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
  if (typeof limit === 'number') route.bodyLimit = limit;
}
