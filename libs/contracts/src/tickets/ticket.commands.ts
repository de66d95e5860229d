import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { ActorCommand, IdempotentCommand } from '../common/command';
import { AddCommentDto, CreateTicketDto, ListTicketsQuery, UpdateTicketDto } from './ticket.dto';

/** Bus payloads of ticket-service requests. `actor` is the authenticated caller. */
export class CreateTicketCommand extends IdempotentCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateTicketDto)
  ticket: CreateTicketDto;
}

export interface CreateTicketReply<TView> {
  ticket: TView;
  /** true when the Idempotency-Key matched an earlier request and its result is returned again */
  replayed: boolean;
}

/** A ticket addressed by uuid or number (`HD-000123`). */
export class TicketRefCommand extends ActorCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;
}

export class ListTicketsRequest extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListTicketsQuery)
  query: ListTicketsQuery;
}

export class UpdateTicketCommand extends TicketRefCommand {
  /** The version the caller read (from If-Match); a different current version answers 412 */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTicketDto)
  changes: UpdateTicketDto;
}

export class AddCommentCommand extends IdempotentCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => AddCommentDto)
  comment: AddCommentDto;
}

export class AddFollowerDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member or a customer' })
  @IsUUID()
  userId: string;
}

export class FollowerCommand extends TicketRefCommand {
  @IsUUID()
  userId: string;
}
