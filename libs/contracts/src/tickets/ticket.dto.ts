import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Channel, TicketPriority, TicketStatus } from '../common/enums';
import { PageQuery } from '../common/page';

export const TICKET_NUMBER_PATTERN = /^HD-\d{6,}$/;

export class RequesterRefDto {
  @ApiProperty({ example: 'ana@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Ana Pérez' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateTicketDto {
  @ApiProperty({ example: 'La impresora del piso 3 no imprime', maxLength: 250 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  subject: string;

  @ApiProperty({ example: 'Desde esta mañana la impresora muestra "papel atascado".', maxLength: 65536 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  description: string;

  @ApiPropertyOptional({ enum: TicketPriority, default: TicketPriority.Normal })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: RequesterRefDto, description: 'Defaults to the caller' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RequesterRefDto)
  requester?: RequesterRefDto;

  @ApiPropertyOptional({ enum: Channel, default: Channel.Api })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;
}

export class UpdateTicketDto {
  @ApiPropertyOptional({ maxLength: 250 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 65536 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  description?: string;

  @ApiPropertyOptional({ enum: TicketStatus })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null unassigns' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TicketStatus })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  requesterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class AddCommentDto {
  @ApiProperty({ example: 'Hemos reemplazado el tóner, ¿puede probar de nuevo?', maxLength: 65536 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  body: string;

  @ApiPropertyOptional({
    default: true,
    description: 'true: a public reply the requester sees; false: an internal note for staff only',
  })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class UserRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) number: string;
  @ApiProperty() subject: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TicketStatus }) status: TicketStatus;
  @ApiProperty({ enum: TicketPriority }) priority: TicketPriority;
  @ApiProperty({ enum: Channel }) channel: Channel;
  @ApiProperty({ type: UserRefView }) requester: UserRefView;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "The requester's organization" }) organizationId: string | null;
  @ApiProperty({ description: 'Increments on every change; the ETag is derived from it' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TicketPageView {
  @ApiProperty({ type: [TicketView] }) data: TicketView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ type: UserRefView }) author: UserRefView;
  @ApiProperty() body: string;
  @ApiProperty() public: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FieldChangeView {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true }) from: unknown;
  @ApiProperty({ nullable: true }) to: unknown;
}

export class HistoryEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'updated', description: 'created | updated | comment_added' }) action: string;
  @ApiProperty({ type: UserRefView, nullable: true }) actor: UserRefView | null;
  @ApiProperty({ type: [FieldChangeView] }) changes: FieldChangeView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
