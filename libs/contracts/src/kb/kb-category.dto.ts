import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNonNull } from '../common/validation';
import { KbCommand } from './kb-article.dto';

/** A category, or a section when it has a parent: the knowledge base is a two-level tree. */
export class CreateKbCategoryDto {
  @ApiProperty({ example: 'Impresoras', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: { en: 'Printers' }, description: 'The name per locale; `name` is used where one is missing' })
  @IsOptionalNonNull()
  @IsObject()
  names?: Record<string, string>;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Instalación, colas y controladores' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The category this section belongs to (sections cannot nest further)' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, example: 10 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number;
}

export class UpdateKbCategoryDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Impresoras' })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: { en: 'Printers' } })
  @IsOptionalNonNull()
  @IsObject()
  names?: Record<string, string>;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Instalación, colas y controladores' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, example: 10 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number;
}

export class KbCategoryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ example: 'Impresoras' }) name: string;
  @ApiProperty({ example: { en: 'Printers' } }) names: Record<string, string>;
  @ApiProperty({ example: 'Instalación, colas y controladores' }) description: string;
  @ApiProperty({ example: 10 }) position: number;
  @ApiProperty({ example: 1, description: 'The ETag' }) revision: number;
  @ApiProperty({ type: () => [KbCategoryView], description: 'Sections (on a category)' }) sections: KbCategoryView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export interface CreateKbCategoryCommand extends KbCommand {
  category: CreateKbCategoryDto;
}
export interface UpdateKbCategoryCommand extends KbCommand {
  id: string;
  changes: UpdateKbCategoryDto;
  expectedRevision?: number;
}
export interface KbCategoryRefCommand extends KbCommand {
  id: string;
}
