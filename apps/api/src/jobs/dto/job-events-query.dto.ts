import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID } from 'class-validator';

/**
 * Most ids a stream's `?ids=` may list: what fits in a request line whatever the proxies in the
 * way. A longer list is a batch read's job (`POST /status/batch`).
 */
export const MAX_STREAM_IDS = 100;

/** Query of the `GET /status` event stream. */
export class JobEventsQueryDto {
  @ApiPropertyOptional({
    type: String,
    description: `Comma-separated job ids (at most ${MAX_STREAM_IDS}; use \`POST /status/batch\` for more) to limit the stream to; all of the caller’s jobs when absent.`,
    example: '0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a,6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  })
  @IsOptional()
  // Repeated `ids=` parameters arrive as an array; they are read as one list.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' || Array.isArray(value) ? [value].flat().join(',').split(',').map((id) => id.trim().toLowerCase()) : value,
  )
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STREAM_IDS)
  @IsUUID('all', { each: true })
  ids?: string[];
}
