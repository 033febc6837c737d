import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID } from 'class-validator';
import { MAX_BATCH_IDS } from './batch-status-request.dto.js';

/** Query of the `GET /status` event stream. */
export class JobEventsQueryDto {
  @ApiPropertyOptional({
    type: String,
    description: `Comma-separated job ids (at most ${MAX_BATCH_IDS}) to limit the stream to; all of the caller’s jobs when absent.`,
    example: '0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a,6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  })
  @IsOptional()
  // Repeated `ids=` parameters arrive as an array; they are read as one list.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' || Array.isArray(value) ? [value].flat().join(',').split(',').map((id) => id.trim().toLowerCase()) : value,
  )
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_IDS)
  @IsUUID('all', { each: true })
  ids?: string[];
}
