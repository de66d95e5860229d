import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './errors';

export class FieldErrorView {
  @ApiProperty({ example: 'requester.email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** The body of every error answer: RFC 9457 problem details with a stable `code`. */
export class ProblemView {
  @ApiProperty({ example: 'urn:helpdesk:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'The request is not valid', description: 'In the language of Accept-Language (es or en)' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'The request is not valid' }) detail: string;
  @ApiPropertyOptional({ example: '/api/v1/tickets' }) instance?: string;
  @ApiProperty({ enum: ErrorCode, example: ErrorCode.ValidationFailed }) code: ErrorCode;
  @ApiPropertyOptional({ example: '4f1c2d7e-3b8a-4c55-9d0e-5f6a7b8c9d0e' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'One entry per invalid field' }) errors?: FieldErrorView[];
}
