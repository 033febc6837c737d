import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_WAIT_MS } from './wait-ms.js';

/** Most ids one batch read accepts. */
export const MAX_BATCH_IDS = 1000;

/** Body of `POST /status/batch`. */
@ApiSchema({ name: 'BatchStatusRequest' })
export class BatchStatusRequestDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_BATCH_IDS,
    description: 'Jobs to read; duplicates are read once.',
  })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id)) : value,
  )
  // Type check lowest: see `stopAtFirstError` in ApiValidationPipe.
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_BATCH_IDS)
  @ArrayMinSize(1)
  @IsArray()
  ids: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_WAIT_MS,
    description: 'Long-poll: hold the answer until any listed pending job changes status or this many milliseconds pass.',
  })
  @IsOptional()
  // Type check lowest: see `stopAtFirstError` in ApiValidationPipe.
  @Max(MAX_WAIT_MS)
  @Min(0)
  @IsInt()
  waitMs?: number;
}
