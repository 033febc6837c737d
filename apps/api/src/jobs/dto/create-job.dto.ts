import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { JOB_OUTCOMES, type JobOutcome } from './job-status.js';

/** Longest simulated duration a caller may ask for: one day. */
export const MAX_DURATION_MS = 86_400_000;

/** Optional body of `POST /create`: overrides of the simulation for this one job. */
@ApiSchema({ name: 'CreateJobRequest' })
export class CreateJobDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_DURATION_MS,
    description: 'Simulated duration of this job in milliseconds, exact (no jitter). Defaults to the server’s `JOB_TIME` ± `JOB_TIME_JITTER`.',
  })
  @IsOptional()
  // Type check lowest: see `stopAtFirstError` in ApiValidationPipe.
  @Max(MAX_DURATION_MS)
  @Min(0)
  @IsInt()
  durationMs?: number;

  @ApiPropertyOptional({
    enum: JOB_OUTCOMES,
    enumName: 'JobOutcome',
    description: 'How this job ends. Defaults to `error` with probability `JOB_FAILURE_RATE`, otherwise `completed`.',
  })
  @IsOptional()
  @IsIn(JOB_OUTCOMES)
  outcome?: JobOutcome;
}
