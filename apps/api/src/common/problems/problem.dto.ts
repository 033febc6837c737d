import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { IssueLocation } from './validation-issue.js';

/** One entry of the `errors` list of a validation problem. */
@ApiSchema({ name: 'ValidationIssue' })
export class ValidationIssueDto {
  @ApiProperty({ enum: ['body', 'query', 'path', 'header'], description: 'The part of the request at fault.' })
  in: IssueLocation;

  @ApiProperty({
    description: 'A JSON Pointer into the body (`/ids/2`, empty for the whole body), or the parameter or header name.',
    example: '/ids/0',
  })
  name: string;

  @ApiProperty({ description: 'What was wrong.', example: 'must be a UUID' })
  detail: string;
}

/** An RFC 9457 problem document, the body of every error response. */
@ApiSchema({ name: 'Problem' })
export class ProblemDto {
  @ApiProperty({
    description: 'Stable identifier of the kind of problem; branch on this.',
    example: 'urn:heygen-mock:problem:job-not-found',
  })
  type: string;

  @ApiProperty({ description: 'Short summary of the kind of problem.', example: 'No such job.' })
  title: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status code.', example: 404 })
  status: number;

  @ApiProperty({ description: 'Explanation specific to this occurrence.' })
  detail: string;

  @ApiProperty({ description: 'The request path that failed.', example: '/status/0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a' })
  instance: string;

  @ApiProperty({ description: 'Identifier of the request, also sent as `X-Request-Id` and written to the logs.' })
  requestId: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'Validation problems only: everything found wrong.' })
  errors?: ValidationIssueDto[];
}
