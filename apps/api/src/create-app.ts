import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { REQUEST_ID_HEADER, requestIdMiddleware } from './common/http/request-id.js';
import { JsonLogger } from './common/logging/json-logger.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { POLL_AFTER_MS_HEADER } from './jobs/poll-hints.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions extends AppModuleOptions {
  /** Where logs go; `false` silences them. @default a {@link JsonLogger} at `LOG_LEVEL` */
  readonly logger?: LoggerService | false;
}

/**
 * Builds the configured application without listening: request ids, CORS, the OpenAPI document
 * at `/openapi.json` and Swagger UI at `/docs`. Used by the server entry point, the OpenAPI
 * generator and the tests alike, so that all three see the same application.
 *
 * @param options - configuration, collaborators and logger
 * @returns the initialised application
 * @example
 * ```ts
 * const app = await createApp({ config: loadConfig(process.env) });
 * await app.listen(0, '127.0.0.1');
 * ```
 */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    // Bodies are parsed by JsonBodyMiddleware so that their errors become problem documents.
    bodyParser: false,
    logger: options.logger ?? new JsonLogger(options.config.logLevel),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Job state changes all the time; conditional requests would only add work.
  app.set('etag', false);
  app.use(requestIdMiddleware);
  // Keys travel in a header, never in cookies, so any origin may call; browsers must be allowed
  // to send the key and to read the polling hints.
  app.enableCors({
    origin: '*',
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', REQUEST_ID_HEADER],
    exposedHeaders: ['Location', 'Retry-After', POLL_AFTER_MS_HEADER, REQUEST_ID_HEADER],
    maxAge: 600,
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
  });
  await app.init();
  return app;
}
