import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { ErrorCode } from '../common/errors';
import { TicketView, UpdateTicketDto } from './ticket.dto';

export const MAX_BULK_TICKETS = 100;

export class BulkUpdateTicketsDto {
  @ApiProperty({ type: [String], description: `Ticket ids or numbers, 1 to ${MAX_BULK_TICKETS}`, example: ['HD-000123', 'HD-000124'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_TICKETS)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ids: string[];

  @ApiProperty({ type: UpdateTicketDto, description: 'The same changes for every ticket' })
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTicketDto)
  changes: UpdateTicketDto;
}

export class BulkTicketResultView {
  @ApiProperty({ example: 'HD-000041', description: 'The id or number as given' }) id: string;
  @ApiProperty({ example: 200, description: 'The status this ticket alone would have answered' }) status: number;
  @ApiPropertyOptional({ type: TicketView }) ticket?: TicketView;
  @ApiPropertyOptional({ enum: ErrorCode }) code?: ErrorCode;
  @ApiPropertyOptional({ example: 'HD-000041 is closed; open a follow-up ticket instead' }) detail?: string;
}

export class BulkUpdateResultView {
  @ApiProperty({ example: 99 }) updated: number;
  @ApiProperty({ example: 1 }) failed: number;
  @ApiProperty({ type: [BulkTicketResultView] }) results: BulkTicketResultView[];
}

export class BulkUpdateTicketsCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => BulkUpdateTicketsDto)
  bulk: BulkUpdateTicketsDto;
}
