import { Body, Controller, Get, Header, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { isPromiseLike } from '../common/async/awaitable.js';
import { BearerAuthGuard } from '../common/auth/bearer-auth.guard.js';
import { Caller } from '../common/auth/caller.decorator.js';
import { MAX_BATCH_BODY_BYTES } from '../common/http/body-limits.js';
import { abortedSignal } from '../common/http/request-aborted.js';
import { ApiProblemResponses } from '../common/problems/api-problem-responses.decorator.js';
import { ApiValidationPipe } from '../common/validation/api-validation.pipe.js';
import { parseJobId } from '../common/validation/parse-job-id.js';
import { ValidQuery } from '../common/validation/valid-query.decorator.js';
import { BatchStatusRequestDto } from './dto/batch-status-request.dto.js';
import { BatchStatusResponseDto } from './dto/batch-status-response.dto.js';
import { CreateJobDto } from './dto/create-job.dto.js';
import { JobStatusQueryDto } from './dto/job-status-query.dto.js';
import { JobDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';
import { POLL_AFTER_MS_HEADER, pollHintHeaders, smallestPollHint } from './poll-hints.js';

const POLL_HINT_HEADERS = {
  [POLL_AFTER_MS_HEADER]: {
    description: 'Pending jobs only: milliseconds until the next request is worth making.',
    schema: { type: 'integer' as const },
  },
  'Retry-After': { description: 'Pending jobs only: the same hint in whole seconds, rounded up.', schema: { type: 'integer' as const } },
};

/** Creating jobs and reading their status: one, many, and held until they change (long-poll). */
@ApiTags('jobs')
@ApiBearerAuth()
@ApiProblemResponses(401)
@UseGuards(BearerAuthGuard)
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /**
   * `POST /create`: starts a job.
   *
   * @param ownerId - the authenticated caller
   * @param body - optional simulation overrides
   * @param reply - for the `Location` and polling headers
   * @returns the new job
   */
  @Post('create')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'createJob',
    summary: 'Create a job',
    description:
      'Starts a simulated job owned by the caller. The optional body sets this job’s duration and outcome; without it the server’s `JOB_TIME`, `JOB_TIME_JITTER` and `JOB_FAILURE_RATE` apply.',
  })
  @ApiBody({ type: CreateJobDto, required: false })
  @ApiCreatedResponse({
    type: JobDto,
    description: 'The job, `pending`.',
    headers: { Location: { description: 'Where to read the job: `/status/{id}`.', schema: { type: 'string' } }, ...POLL_HINT_HEADERS },
  })
  @ApiProblemResponses(400, 413, 415, 429, 503)
  async create(@Caller() ownerId: string, @Body(ApiValidationPipe) body: CreateJobDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<JobDto> {
    const job = await this.jobs.create(ownerId, body);
    void reply.header('Location', `/status/${job.id}`).headers(pollHintHeaders(job.pollAfterMs));
    return job;
  }

  /**
   * `GET /status/{id}`: reads a job, optionally held until its status changes.
   *
   * @param ownerId - the authenticated caller
   * @param rawId - the job id as sent in the path
   * @param query - `waitMs` for a long-poll
   * @param reply - sends the job with its polling headers; tells when the client leaves
   */
  @Get('status/:id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getJobStatus',
    summary: 'Read a job',
    description: 'With `waitMs`, the answer for a pending job is held until its status changes or the wait ends.',
  })
  @ApiParam({ name: 'id', description: 'The job id.', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: JobDto, description: 'The job’s current state.', headers: POLL_HINT_HEADERS })
  @ApiProblemResponses(400, 404, 429, 503)
  async status(
    @Caller() ownerId: string,
    @Param('id') rawId: string,
    @ValidQuery(JobStatusQueryDto) query: JobStatusQueryDto,
    // The most frequent request of all sends its answer itself: Nest's handling of a returned
    // value (looking for a stream to send, then the adapter’s checks) was about 2 % of its CPU time.
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const id = parseJobId(rawId);
    this.jobs.checkWait(query.waitMs);
    // No await when the store answered at once: a plain read is then answered in the same turn.
    const read = this.jobs.get(ownerId, id);
    let job = isPromiseLike(read) ? await read : read;
    if (query.waitMs !== undefined && job.status === 'pending') {
      await this.jobs.waitForChange(ownerId, [id], query.waitMs, abortedSignal(reply.raw));
      job = await this.jobs.get(ownerId, id);
    }
    void reply.headers(pollHintHeaders(job.pollAfterMs)).send(job);
  }

  /**
   * `POST /status/batch`: reads many jobs, optionally held until any of them changes status.
   *
   * @param ownerId - the authenticated caller
   * @param body - the ids and an optional `waitMs`
   * @param reply - for the polling headers, and to learn when the client leaves
   * @returns found jobs and unknown ids
   */
  @Post('status/batch')
  @RouteConfig({ bodyLimit: MAX_BATCH_BODY_BYTES })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getJobStatusBatch',
    summary: 'Read many jobs',
    description:
      'With `waitMs`, the answer is held until any listed pending job changes status or the wait ends. The polling headers carry the smallest hint among pending jobs.',
  })
  @ApiOkResponse({ type: BatchStatusResponseDto, headers: POLL_HINT_HEADERS })
  @ApiProblemResponses(400, 413, 415, 429, 503)
  async batch(
    @Caller() ownerId: string,
    @Body(ApiValidationPipe) body: BatchStatusRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchStatusResponseDto> {
    this.jobs.checkWait(body.waitMs, 'body');
    if (body.waitMs !== undefined) await this.jobs.waitForChange(ownerId, body.ids, body.waitMs, abortedSignal(reply.raw));
    const batch = await this.jobs.getMany(ownerId, body.ids);
    void reply.headers(pollHintHeaders(smallestPollHint(batch.jobs)));
    return batch;
  }
}
