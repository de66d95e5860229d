import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CallerCommand } from '../common/command';

export class SummaryQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the period (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End of the period (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class SummaryView {
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) from: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) to: string | null;
  @ApiProperty({ example: 128, description: 'Tickets created in the period' }) ticketsCreated: number;
}

/** A person (staff) or an integration with `reports:read` may ask. */
export class SummaryRequest extends CallerCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => SummaryQuery)
  query: SummaryQuery;
}
