import { Controller, Get, Header } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problems/api-problem-responses.decorator.js';
import { HealthDto } from './dto/health.dto.js';

/** Readiness probe; needs no key. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  /** @param jobs - asks whether the job store answers */
  constructor(private readonly jobs: JobsService) {}

  /**
   * `GET /health`.
   *
   * @returns `{ status: 'ok' }`
   * @throws {@link ProblemException} `storeUnavailable` (503) when a shared job store (Redis)
   *   does not answer
   */
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Readiness probe',
    description:
      'Answers 200 once the server accepts requests and its job store answers; 503 while a shared job store (`JOB_STORE=redis`) cannot be reached, so that a load balancer sends requests to instances that can serve them. Needs no caller key.',
    security: [],
  })
  @ApiOkResponse({ type: HealthDto, description: 'The server is ready.' })
  @ApiProblemResponses('4XX', 503)
  async check(): Promise<HealthDto> {
    await this.jobs.checkStore();
    return { status: 'ok' };
  }
}
