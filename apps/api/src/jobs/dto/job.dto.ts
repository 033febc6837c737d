import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { JobErrorDto } from './job-error.dto.js';
import { JOB_STATUSES, type JobStatus } from './job-status.js';

/** The state of one job, as returned by every read and carried by every `job` event. */
@ApiSchema({ name: 'Job' })
export class JobDto {
  @ApiProperty({ format: 'uuid', description: 'Unguessable identifier (UUID v4).', example: '0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a' })
  id: string;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus', description: '`pending` until the job ends as `completed` or `error`.' })
  status: JobStatus;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Percent done; 100 once completed.', example: 40 })
  progress: number;

  @ApiProperty({ format: 'date-time', description: 'When the job was created.' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'When the job last changed.' })
  updatedAt: string;

  @ApiProperty({ format: 'date-time', description: 'When the job is expected to end.' })
  expectedCompletionAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the job ended; `null` while pending.' })
  completedAt: string | null;

  @ApiProperty({ type: () => JobErrorDto, nullable: true, description: 'Why the job failed; `null` unless `status` is `error`.' })
  error: JobErrorDto | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description:
      'Pending jobs: milliseconds until the next status request is worth making (the time left, at least the server minimum). `null` once the job has ended.',
    example: 1800,
  })
  pollAfterMs: number | null;
}
