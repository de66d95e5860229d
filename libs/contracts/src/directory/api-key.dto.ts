import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '../common/api-key-scopes';
import { ActorCommand } from '../common/command';
import { PageQuery } from '../common/page';
import { IsOptionalNonNull } from '../common/validation';

const SCOPES_MESSAGE = `each scope must be one of: ${API_KEY_SCOPES.join(', ')}`;

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Power BI – monthly KPIs', description: 'What the key is for (shown in the list)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  name: string;

  @ApiProperty({
    example: ['reports:read'],
    enum: API_KEY_SCOPES,
    isArray: true,
    description: 'What the key may do: `reports:read` reads reports, exports and the OData feed',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsString({ each: true })
  @IsIn(API_KEY_SCOPES, { each: true, message: SCOPES_MESSAGE })
  scopes: ApiKeyScope[];

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2027-06-30T00:00:00Z',
    description: 'When the key stops working (must be in the future); without it the key works until revoked',
  })
  @IsOptionalNonNull()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid', example: '5b0c7a8e-3c1f-4a4e-9d0a-2f1e6c7b8a90' }) id: string;
  @ApiProperty({ example: 'Power BI – monthly KPIs' }) name: string;
  @ApiProperty({ example: 'hdk_3f9a1c2b7d4e', description: 'The start of the key, to recognise it; not a credential' })
  prefix: string;
  @ApiProperty({ example: ['reports:read'], enum: API_KEY_SCOPES, isArray: true }) scopes: ApiKeyScope[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The admin who created it (null once deleted)' })
  createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Last use, to the minute' })
  lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
}

/** The answer to creating a key: the only time the key itself is shown. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({
    example: 'hdk_3f9a1c2b7d4e_q3Jx0mB7yN2kP5sV8tW1zA4cD6fG9hJ0kL2mN5pQ7rS',
    description: 'The key. Shown once: only a hash is kept, so store it now',
  })
  secret: string;
}

export class ApiKeyPageView {
  @ApiProperty({ type: [ApiKeyView] }) data: ApiKeyView[];
  @ApiProperty({ example: 'eyJrIjoiMjAyNi0xMi0wNlQxNjozMDowMC4wMDBaIn0', nullable: true, type: String }) nextCursor: string | null;
}

export class ListApiKeysQuery extends PageQuery {}

export class CreateApiKeyCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateApiKeyDto)
  apiKey: CreateApiKeyDto;
}

export class ApiKeyRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class ListApiKeysRequest extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListApiKeysQuery)
  query: ListApiKeysQuery;
}

/** The gateway asks whether a presented key is valid (no actor: the key is the credential). */
export class VerifyApiKeyCommand {
  @IsString()
  @MaxLength(100)
  key: string;
}

/** A valid key, as the gateway needs it to make the caller. */
export interface VerifiedApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
}
