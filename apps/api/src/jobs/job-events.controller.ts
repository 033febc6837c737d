import { Controller, Get, Headers, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { BearerAuthGuard } from '../common/auth/bearer-auth.guard.js';
import { Caller } from '../common/auth/caller.decorator.js';
import { ApiProblemResponses } from '../common/problems/api-problem-responses.decorator.js';
import { ValidQuery } from '../common/validation/valid-query.decorator.js';
import { parseLastEventId } from '../common/validation/parse-last-event-id.js';
import { JobEventsQueryDto } from './dto/job-events-query.dto.js';
import { JobDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';
import { SSE_HEADERS, SseConnection } from './sse/sse-connection.js';

/** The multiplexed Server-Sent Events stream of a caller's jobs. */
@ApiTags('jobs')
@ApiBearerAuth()
@ApiExtraModels(JobDto)
@UseGuards(BearerAuthGuard)
@Controller()
export class JobEventsController {
  constructor(
    private readonly jobs: JobsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * `GET /status`: streams `job` events until the client leaves.
   *
   * @param ownerId - the authenticated caller
   * @param query - optional `ids` filter
   * @param lastEventIdHeader - the reconnecting client's last event id
   * @param req - the request, for its method
   * @param reply - the response, taken over for streaming
   * @returns once the stream is open; events follow until either side closes it. `HEAD` gets
   *   the stream's headers and an empty body at once: no stream, no subscription.
   */
  @Get('status')
  @ApiOperation({
    operationId: 'streamJobEvents',
    summary: 'Stream job events (SSE)',
    description: [
      'One `text/event-stream` for all of the caller’s jobs, or those listed in `ids`.',
      'Every event is `event: job` with a `Job` as JSON `data` and an `id` unique and increasing per caller.',
      'The stream opens with `retry:` and sends a `: heartbeat` comment periodically.',
      'A new subscription first receives the current state of the caller’s pending jobs (with `ids`: of each listed job, whatever its status).',
      'With `Last-Event-ID` it receives the latest state of every job that changed after that event, in id order, or the snapshot above when the server no longer has the caller’s log.',
      'Both carry the events’ own ids, so a stream cut in the middle of either resumes where it was.',
    ].join(' '),
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id.', schema: { type: 'string', pattern: '^[0-9]+$' } })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'The event stream: `retry: <ms>` first, then frames `id: <seq>`, `event: job`, `data: <Job JSON>` each ended by a blank line, and `: heartbeat` comments. The schema is that of each event’s `data`.',
    content: { 'text/event-stream': { schema: { $ref: getSchemaPath(JobDto) } } },
  })
  @ApiProblemResponses(400, 401, 429, 503)
  async stream(
    @Caller() ownerId: string,
    @ValidQuery(JobEventsQueryDto) query: JobEventsQueryDto,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lastEventId = parseLastEventId(lastEventIdHeader);
    if (req.method === 'HEAD') {
      await reply.code(200).headers(SSE_HEADERS).send();
      return;
    }
    const res = reply.raw;
    const connection = new SseConnection(res, {
      headers: reply.getHeaders(),
      retryMs: this.config.sseRetryMs,
      heartbeatMs: this.config.heartbeatMs,
      ...(query.ids === undefined ? {} : { jobIds: new Set(query.ids) }),
    });
    const subscription = await this.jobs.subscribe(ownerId, connection, {
      ...(query.ids === undefined ? {} : { jobIds: query.ids }),
      ...(lastEventId === undefined ? {} : { lastEventId }),
    });
    // From here on the stream writes to the Node response itself; Fastify must not answer. Until
    // here a failure (a limit, a bad request) is still answered with a problem document.
    reply.hijack();
    connection.onClose(() => void subscription.unsubscribe());
    await connection.open(subscription.first);
  }
}
