import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { JobDto } from './job.dto.js';

/** Answer of `POST /status/batch`. */
@ApiSchema({ name: 'BatchStatusResponse' })
export class BatchStatusResponseDto {
  @ApiProperty({ type: [JobDto], description: 'The caller’s jobs among the requested ids, in request order.' })
  jobs: JobDto[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Requested ids that are unknown or belong to another caller.',
  })
  notFound: string[];
}
