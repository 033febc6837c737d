import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_WAIT_MS, toQueryInteger } from './wait-ms.js';

/** Query of `GET /status/{id}`. */
export class JobStatusQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_WAIT_MS,
    description: 'Long-poll: hold the answer for a pending job until its status changes or this many milliseconds pass.',
  })
  @IsOptional()
  @Transform(toQueryInteger)
  // Type check lowest: see `stopAtFirstError` in ApiValidationPipe.
  @Max(MAX_WAIT_MS)
  @Min(0)
  @IsInt()
  waitMs?: number;
}
