import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problems/api-problem-responses.decorator.js';
import { HealthDto } from './dto/health.dto.js';

/** Readiness probe; needs no key. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  /**
   * `GET /health`.
   *
   * @returns `{ status: 'ok' }`
   */
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Readiness probe',
    description: 'Answers 200 once the server accepts requests. Needs no caller key.',
    security: [],
  })
  @ApiOkResponse({ type: HealthDto, description: 'The server is ready.' })
  @ApiProblemResponses('4XX')
  check(): HealthDto {
    return { status: 'ok' };
  }
}
