import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** Body of `GET /health`. */
@ApiSchema({ name: 'Health' })
export class HealthDto {
  @ApiProperty({ enum: ['ok'], description: 'Always `ok` while the server accepts requests.' })
  status: 'ok';
}
