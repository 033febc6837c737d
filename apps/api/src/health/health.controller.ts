import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ operationId: 'getHealth', summary: 'Readiness probe' })
  @ApiOkResponse({ type: HealthDto })
  check(): HealthDto {
    return { status: 'ok' };
  }
}
