import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { IsOptionalNonNull } from '../common/validation';

export enum CustomFieldType {
  Text = 'text',
  Number = 'number',
  Date = 'date',
  Dropdown = 'dropdown',
  Multiselect = 'multiselect',
  Checkbox = 'checkbox',
}

/** What a ticket's custom field holds: text, number, `YYYY-MM-DD`, an option value, option values, or a checkbox. */
export type CustomFieldValue = string | number | boolean | string[];

/** A ticket's custom field values by field key. */
export type CustomFieldValues = Record<string, CustomFieldValue>;

/** Keys name fields in requests, rules and macros: lower-case letters, digits and underscores. */
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;
export const CUSTOM_FIELD_OPTION_PATTERN = /^[a-z0-9][a-z0-9_.:-]{0,99}$/;
export const MAX_CUSTOM_FIELD_OPTIONS = 500;

export class CustomFieldOptionDto {
  @ApiProperty({ example: 'laserjet_4000', description: 'Stored on tickets; lower-case letters, digits, _ . : -' })
  @Matches(CUSTOM_FIELD_OPTION_PATTERN, { message: 'value must be lower-case letters, digits, _ . : - (max 100)' })
  value: string;

  @ApiProperty({ example: 'HP LaserJet 4000' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;
}

class CustomFieldFields {
  @ApiPropertyOptional({ example: 'El modelo que aparece en la etiqueta frontal', maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({
    type: [CustomFieldOptionDto],
    description: 'dropdown and multiselect only: the allowed values, in display order (replaced as a whole on update)',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(MAX_CUSTOM_FIELD_OPTIONS)
  @ValidateNested({ each: true })
  @Type(() => CustomFieldOptionDto)
  options?: CustomFieldOptionDto[];

  @ApiPropertyOptional({ default: false, description: 'A new ticket must carry a value (customers: only for fields they may edit)' })
  @IsOptionalNonNull()
  @IsBoolean()
  requiredOnCreate?: boolean;

  @ApiPropertyOptional({ default: false, description: 'A ticket cannot become solved without a value' })
  @IsOptionalNonNull()
  @IsBoolean()
  requiredOnSolve?: boolean;

  @ApiPropertyOptional({ default: false, description: 'false: an internal field that never reaches customers' })
  @IsOptionalNonNull()
  @IsBoolean()
  visibleToCustomers?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Customers may set it when they open a ticket (implies visible)' })
  @IsOptionalNonNull()
  @IsBoolean()
  editableByCustomers?: boolean;

  @ApiPropertyOptional({ description: 'Display order, ascending', example: 10 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional({ default: true, description: 'Inactive fields take no values and are hidden; stored values are kept' })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

export class CreateCustomFieldDto extends CustomFieldFields {
  @ApiProperty({ example: 'printer_model', description: 'Unique and permanent; names the field in tickets, rules and macros' })
  @Matches(CUSTOM_FIELD_KEY_PATTERN, { message: 'key must start with a letter: lower-case letters, digits, _ (max 50)' })
  key: string;

  @ApiProperty({ enum: CustomFieldType, description: 'Permanent: stored values depend on it' })
  @IsEnum(CustomFieldType)
  type: CustomFieldType;

  @ApiProperty({ example: 'Modelo de impresora', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
}

export class UpdateCustomFieldDto extends CustomFieldFields {
  @ApiPropertyOptional({ example: 'Modelo de impresora', maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;
}

export class CustomFieldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'printer_model' }) key: string;
  @ApiProperty({ enum: CustomFieldType }) type: CustomFieldType;
  @ApiProperty({ example: 'Modelo de impresora' }) title: string;
  @ApiProperty({ example: 'El modelo que aparece en la etiqueta frontal', nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [CustomFieldOptionDto] }) options: CustomFieldOptionDto[];
  @ApiProperty() requiredOnCreate: boolean;
  @ApiProperty() requiredOnSolve: boolean;
  @ApiProperty() visibleToCustomers: boolean;
  @ApiProperty() editableByCustomers: boolean;
  @ApiProperty({ example: 10 }) position: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateCustomFieldCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateCustomFieldDto)
  field: CreateCustomFieldDto;
}

export class UpdateCustomFieldCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateCustomFieldDto)
  changes: UpdateCustomFieldDto;
}

export class CustomFieldRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class ListCustomFieldsQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Staff: list retired fields too' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeInactive?: 'true' | 'false';
}

export class ListCustomFieldsCommand extends ActorCommand {
  @IsOptional()
  @IsBoolean()
  includeInactive?: boolean;
}

/** A routing condition on a custom field: the ticket's value is one of `values` (multiselect: any of them). */
export class CustomFieldConditionDto {
  @ApiProperty({ example: 'printer_model' })
  @Matches(CUSTOM_FIELD_KEY_PATTERN)
  key: string;

  @ApiProperty({ example: ['laserjet_4000'], description: 'Option values, texts, numbers or true/false, as the field stores them' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  values: (string | number | boolean)[];
}
