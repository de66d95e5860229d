import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { PageQuery } from '../common/page';
import { IsOptionalNonNull } from '../common/validation';

export const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const lowerCaseList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;

class OrganizationFields {
  @ApiPropertyOptional({
    type: [String],
    example: ['acme.com', 'acme.es'],
    description: 'A new requester whose email is at one of these domains joins the organization. A domain belongs to one organization.',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(lowerCaseList)
  @Matches(DOMAIN_PATTERN, { each: true, message: 'each domain must be a domain name like example.com' })
  domains?: string[];

  @ApiPropertyOptional({ default: false, description: 'Members may see every ticket of the organization, not only their own' })
  @IsOptionalNonNull()
  @IsBoolean()
  sharedTickets?: boolean;
}

export class CreateOrganizationDto extends OrganizationFields {
  @ApiProperty({ example: 'ACME Iberia' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class UpdateOrganizationDto extends OrganizationFields {
  @ApiPropertyOptional({ example: 'ACME Iberia S.L.' })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ACME S.A.' }) name: string;
  @ApiProperty({ example: ['acme.example'], type: [String] }) domains: string[];
  @ApiProperty() sharedTickets: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganizationPageView {
  @ApiProperty({ type: [OrganizationView] }) data: OrganizationView[];
  @ApiProperty({ example: 'eyJzZXEiOiIxMjMifQ', nullable: true, type: String }) nextCursor: string | null;
}

export class CreateOrganizationCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateOrganizationDto)
  organization: CreateOrganizationDto;
}

export class UpdateOrganizationCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateOrganizationDto)
  changes: UpdateOrganizationDto;
}

export class OrganizationRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class ListOrganizationsRequest extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListOrganizationsQuery)
  query: ListOrganizationsQuery;
}
