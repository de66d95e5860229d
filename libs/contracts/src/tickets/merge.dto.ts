import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { TicketView } from './ticket.dto';

export class MergeTicketDto {
  @ApiProperty({ example: 'HD-000124', description: 'The ticket (uuid or number) that takes over this one' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  into: string;

  @ApiPropertyOptional({
    example: 'El cliente abrió dos tickets por la misma avería',
    description: 'An internal note for the target ticket',
    maxLength: 65536,
  })
  @IsOptional()
  @IsString()
  @MaxLength(65536)
  note?: string;
}

export class MergeResultView {
  @ApiProperty({ type: TicketView, description: 'The merged ticket, now closed' }) source: TicketView;
  @ApiProperty({ type: TicketView, description: 'The ticket that took over its conversation' }) target: TicketView;
  @ApiProperty({ example: 3, description: 'Comments moved to the target' }) movedComments: number;
  @ApiProperty({ example: 1, description: 'Attachments moved to the target (with their comments, or not linked yet)' })
  movedAttachments: number;
}

export class MergeTicketCommand extends ActorCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => MergeTicketDto)
  merge: MergeTicketDto;
}
