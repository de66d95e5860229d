import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { Channel, TicketPriority, TicketType } from '../common/enums';
import { TAG_PATTERN } from './ticket.dto';

/**
 * Conditions on a ticket's classification, shared by routing rules and SLA policies. Every
 * condition given must hold; an absent or empty one always holds.
 */
export class TicketConditionsDto {
  @ApiPropertyOptional({ enum: Channel, isArray: true })
  @IsOptional()
  @IsArray()
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ enum: TicketType, isArray: true })
  @IsOptional()
  @IsArray()
  @IsEnum(TicketType, { each: true })
  types?: TicketType[];

  @ApiPropertyOptional({ enum: TicketPriority, isArray: true })
  @IsOptional()
  @IsArray()
  @IsEnum(TicketPriority, { each: true })
  priorities?: TicketPriority[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  organizationIds?: string[];

  @ApiPropertyOptional({ example: ['impresora', 'vip'], type: [String], description: 'At least one of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TAG_PATTERN, { each: true })
  tagsAny?: string[];
}
