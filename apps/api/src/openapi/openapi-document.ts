import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Version of the published contract. */
export const API_VERSION = '1.0.0';

/**
 * Builds the OpenAPI document from the decorators of an initialised application, with every
 * object's keys sorted so that the output does not depend on module loading order.
 *
 * @param app - the application, configured but not necessarily listening
 * @returns the document
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('heygen-mock jobs API')
    .setDescription(
      'Simulated long-running jobs, reported by status read, long-poll, batch read and one multiplexed Server-Sent Events stream. ' +
        'Every error is `application/problem+json` (RFC 9457) with a stable `type`.',
    )
    .setVersion(API_VERSION)
    // 3.1 says what `null` means in a schema (JSON Schema 2020-12), so a nullable reference is
    // `anyOf: [{ $ref }, { type: 'null' }]` and standard validators read it as written.
    .setOpenAPIVersion('3.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('http://127.0.0.1:3000', 'A local server with the default PORT and HOST.')
    .addTag('jobs', 'Create jobs and learn when they finish.')
    .addTag('health', 'Readiness.')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'caller key', description: 'Caller key: 16 to 128 characters from `A-Z a-z 0-9 . _ ~ -`.' })
    .build();
  return sortKeys(SwaggerModule.createDocument(app, config));
}

/**
 * Returns a deep copy of a JSON value with the keys of every object in code-point order;
 * array order is meaning, so arrays are kept as they are.
 *
 * @param value - a JSON-compatible value
 * @returns the sorted copy
 */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeys(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, item]) => [key, sortKeys(item)] as const);
  return Object.fromEntries(entries) as T;
}
