import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { TIERS, Tier } from '../common/enums';
import { IsOptionalNonNull } from '../common/validation';
import { SKILL_PATTERN } from '../directory/user.dto';
import { CustomFieldConditionDto } from './custom-field.dto';
import { TicketConditionsDto } from './ticket-conditions.dto';

/** Every condition given must hold; an absent or empty one always holds. */
export class RoutingConditionsDto extends TicketConditionsDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['impresora', 'printer'],
    description: 'At least one word or phrase in subject or description; case and accents ignored',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({
    type: [CustomFieldConditionDto],
    description: 'Each named custom field holds one of the values given (multiselect: any of them)',
    example: [{ key: 'printer_model', values: ['laserjet_4000'] }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CustomFieldConditionDto)
  customFields?: CustomFieldConditionDto[];
}

class RoutingRuleFields {
  @ApiPropertyOptional({ description: 'Rules are tried in ascending position; the first match wins', example: 10 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: ['impresoras'], type: [String], description: 'For teams routing by skills: what the agent must know' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(SKILL_PATTERN, { each: true })
  requiredSkills?: string[];
}

export class CreateRoutingRuleDto extends RoutingRuleFields {
  @ApiProperty({ example: 'Impresoras → Soporte N1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: RoutingConditionsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RoutingConditionsDto)
  conditions: RoutingConditionsDto;

  @ApiProperty({ format: 'uuid', description: 'The team tickets matching the rule go to' })
  @IsUUID()
  teamId: string;
}

export class UpdateRoutingRuleDto extends RoutingRuleFields {
  @ApiPropertyOptional({ example: 'Impresoras → Soporte N1' })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: RoutingConditionsDto, description: 'Replaces the conditions as a whole' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => RoutingConditionsDto)
  conditions?: RoutingConditionsDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNonNull()
  @IsUUID()
  teamId?: string;
}

export class RoutingRuleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Impresoras → Soporte N1' }) name: string;
  @ApiProperty({ example: 10 }) position: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: RoutingConditionsDto }) conditions: RoutingConditionsDto;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ example: ['impresoras'], type: [String] }) requiredSkills: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EscalateTicketDto {
  @ApiProperty({ enum: TIERS, example: 2, description: 'Higher than the current tier escalates, lower de-escalates' })
  @IsIn(TIERS)
  toTier: Tier;

  @ApiProperty({ example: 'Requiere acceso al servidor de correo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class CreateRoutingRuleCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateRoutingRuleDto)
  rule: CreateRoutingRuleDto;
}

export class UpdateRoutingRuleCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateRoutingRuleDto)
  changes: UpdateRoutingRuleDto;
}

export class RoutingRuleRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class EscalateTicketCommand extends ActorCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => EscalateTicketDto)
  escalation: EscalateTicketDto;
}
