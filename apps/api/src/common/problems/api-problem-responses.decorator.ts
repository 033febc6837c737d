import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto.js';
import { PROBLEM_MEDIA_TYPE } from './problem-types.js';

const DESCRIPTIONS: Record<number | '4XX', string> = {
  '4XX': 'A request the server cannot read, such as a URL with malformed percent-encoding (`urn:heygen-mock:problem:validation`).',
  400: 'Validation problem (`urn:heygen-mock:problem:validation`); `errors` lists what was wrong.',
  401: 'Missing or malformed caller key (`urn:heygen-mock:problem:unauthorized`).',
  404: 'Unknown job, or another caller’s (`urn:heygen-mock:problem:job-not-found`).',
  413: 'Body over the route’s limit: 16 KB, 64 KB for a batch read (`urn:heygen-mock:problem:payload-too-large`).',
  415: 'A body that is not JSON (`urn:heygen-mock:problem:unsupported-media-type`).',
  429: 'A limit of the caller is reached: pending jobs (`urn:heygen-mock:problem:too-many-pending-jobs`), the create rate (`urn:heygen-mock:problem:create-rate-exceeded`), open event streams (`urn:heygen-mock:problem:too-many-streams`) or held long-polls (`urn:heygen-mock:problem:too-many-waits`). `Retry-After` says when to try again.',
  503: 'A limit of the server is reached: jobs kept (`urn:heygen-mock:problem:job-capacity-reached`) or event streams held (`urn:heygen-mock:problem:stream-capacity-reached`); or the shared job store (Redis) cannot be reached for the moment (`urn:heygen-mock:problem:store-unavailable`). `Retry-After` says when to try again.',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' as const, minimum: 1 } } };

/**
 * Documents error responses of a route as `application/problem+json` bodies. Nest's response
 * decorators would list the route's success media type instead, hence the explicit content.
 *
 * @param statuses - the error statuses the route can answer, each with a known description
 * @returns a decorator for a controller method
 */
export function ApiProblemResponses(...statuses: Array<keyof typeof DESCRIPTIONS>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem.',
        content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
}
