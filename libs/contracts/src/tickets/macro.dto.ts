import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { TicketPriority, TicketStatus, TicketType } from '../common/enums';
import { IsOptionalNonNull } from '../common/validation';
import { TAG_PATTERN, TicketView } from './ticket.dto';

/** The placeholders a macro's comment may use; each is replaced when the macro is applied. */
export const MACRO_PLACEHOLDERS = [
  'ticket.id',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.type',
  'ticket.tier',
  'requester.name',
  'requester.first_name',
  'requester.email',
  'current_user.name',
  'current_user.first_name',
  'current_user.email',
] as const;

export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

/** `assigneeId: "current_user"` assigns the agent applying the macro. */
export const MACRO_CURRENT_USER = 'current_user';

export enum MacroVisibility {
  /** Every agent, supervisor and admin */
  Shared = 'shared',
  /** The members and supervisor of one team */
  Team = 'team',
  /** Only its owner */
  Personal = 'personal',
}

export class MacroCommentDto {
  @ApiProperty({
    example: 'Hola {{requester.first_name}}, hemos recibido su solicitud {{ticket.number}} y la estamos revisando.',
    description: `Placeholders: ${MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    maxLength: 65536,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  body: string;

  @ApiPropertyOptional({ default: true, description: 'true: a public reply; false: an internal note' })
  @IsOptionalNonNull()
  @IsBoolean()
  public?: boolean;
}

const lowerTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? [...new Set((value as unknown[]).map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))] : value;

/** What a macro does; every action given is applied, in one change with one history entry. */
export class MacroActionsDto {
  @ApiPropertyOptional({ enum: TicketStatus, example: TicketStatus.Pending })
  @IsOptionalNonNull()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority })
  @IsOptionalNonNull()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ enum: TicketType, nullable: true })
  @IsOptional()
  @IsEnum(TicketType)
  type?: TicketType | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null takes the ticket out of its team' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({
    example: MACRO_CURRENT_USER,
    nullable: true,
    description: `An agent's id, "${MACRO_CURRENT_USER}", or null to unassign`,
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== MACRO_CURRENT_USER)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['esperando-cliente'] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(lowerTags)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits, _ . : - (max 50)' })
  addTags?: string[];

  @ApiPropertyOptional({ example: ['nuevo'], type: [String] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(lowerTags)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits, _ . : - (max 50)' })
  removeTags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { printer_model: 'laserjet_4000' } })
  @IsOptionalNonNull()
  @IsObject()
  customFields?: Record<string, unknown>;

  @ApiPropertyOptional({ type: MacroCommentDto, description: 'A public reply or internal note, with placeholders' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => MacroCommentDto)
  comment?: MacroCommentDto;
}

class MacroFields {
  @ApiPropertyOptional({ maxLength: 2000, nullable: true, example: 'Pide al cliente el modelo y deja el ticket pendiente' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

export class CreateMacroDto extends MacroFields {
  @ApiProperty({ example: 'Pedir modelo de impresora', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: MacroActionsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MacroActionsDto)
  actions: MacroActionsDto;

  @ApiPropertyOptional({
    enum: MacroVisibility,
    default: MacroVisibility.Personal,
    description: 'shared and team macros: admins, or the supervisor of the team; personal: any staff member for themselves',
  })
  @IsOptionalNonNull()
  @IsEnum(MacroVisibility)
  visibility?: MacroVisibility;

  @ApiPropertyOptional({ format: 'uuid', description: 'visibility team: the team whose members may use it' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class UpdateMacroDto extends MacroFields {
  @ApiPropertyOptional({ example: 'Pedir modelo de impresora', maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: MacroActionsDto, description: 'Replaces the actions as a whole' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => MacroActionsDto)
  actions?: MacroActionsDto;
}

export class MacroView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Pedir modelo de impresora' }) title: string;
  @ApiProperty({ example: 'Pide al cliente el modelo y deja el ticket pendiente', nullable: true, type: String }) description:
    string | null;
  @ApiProperty({ type: MacroActionsDto }) actions: MacroActionsDto;
  @ApiProperty({ enum: MacroVisibility }) visibility: MacroVisibility;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 42, description: 'How many times it has been applied' }) usageCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MacroCommentResultView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null in a preview' }) id: string | null;
  @ApiProperty({ example: 'Hola Ana, sobre HD-000123: ¿qué modelo de impresora es?', description: 'With the placeholders replaced' })
  body: string;
  @ApiProperty() public: boolean;
}

export class MacroApplicationView {
  @ApiProperty({ description: 'true: nothing was saved; this is what applying would do' }) preview: boolean;
  @ApiProperty({ type: TicketView }) ticket: TicketView;
  @ApiProperty({ type: MacroCommentResultView, nullable: true }) comment: MacroCommentResultView | null;
  @ApiProperty({
    example: [{ field: 'status', from: 'open', to: 'pending' }],
    type: 'array',
    items: { type: 'object' },
    description: 'The fields it changes: { field, from, to }',
  })
  changes: { field: string; from: unknown; to: unknown }[];
}

export class ApplyMacroQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: show the result without saving anything' })
  @IsOptional()
  @IsIn(['true', 'false'])
  preview?: 'true' | 'false';
}

export class CreateMacroCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateMacroDto)
  macro: CreateMacroDto;
}

export class UpdateMacroCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateMacroDto)
  changes: UpdateMacroDto;
}

export class MacroRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class ApplyMacroCommand extends ActorCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;

  @IsUUID()
  macroId: string;

  @IsBoolean()
  preview: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
