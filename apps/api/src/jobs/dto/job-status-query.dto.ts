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
  // class-validator checks in the order the decorators are applied, bottom up: the type first,
  // so that a value of the wrong type is reported as such rather than as out of range.
  @Max(MAX_WAIT_MS)
  @Min(0)
  @IsInt()
  waitMs?: number;
}
