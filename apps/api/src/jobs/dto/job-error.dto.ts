import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** Why a job ended in `error`. */
@ApiSchema({ name: 'JobError' })
export class JobErrorDto {
  @ApiProperty({ description: 'Stable machine-readable reason.', example: 'simulated-failure' })
  code: string;

  @ApiProperty({ description: 'Explanation for people.', example: 'The simulated job failed.' })
  message: string;
}
