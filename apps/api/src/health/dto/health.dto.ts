import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** Body of `GET /health`. */
@ApiSchema({ name: 'Health' })
export class HealthDto {
  @ApiProperty({ enum: ['ok'], description: 'Always `ok` while the server accepts requests and its job store answers.' })
  status: 'ok';
}
