import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
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
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { Locale, Role, TIERS, Tier } from '../common/enums';
import { PageQuery } from '../common/page';
import { IsOptionalNonNull } from '../common/validation';

export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{4,29}$/;
export const SKILL_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,49}$/;

export class LoginDto {
  @ApiProperty({ example: 'admin@helpdesk.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'change-me-please' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class TokenView {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 }) expiresIn: number;
}

/** Fields a person has beyond the login: contact data, and for staff their tier, skills and capacity. */
class UserProfileFields {
  @ApiPropertyOptional({ example: '+34 600 123 456', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number (digits, spaces, + ( ) . -)' })
  phone?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Customers: their organization (otherwise matched by email domain)' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ enum: TIERS, nullable: true, description: 'Staff: the support tier they work at' })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier | null;

  @ApiPropertyOptional({ type: [String], example: ['networking', 'sap'], description: 'Staff: skills used by skills-based routing' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SKILL_PATTERN, { each: true, message: 'each skill must be lower-case letters, digits, _ . - (max 50)' })
  skills?: string[];

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 1000, nullable: true, description: 'Staff: the most open tickets they take' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number | null;
}

export class CreateUserDto extends UserProfileFields {
  @ApiProperty({ example: 'luis@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Luis Gómez' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ example: 'correct-horse-battery-staple', minLength: 10, description: 'Without one the user cannot log in' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ enum: Locale, default: Locale.Es })
  @IsOptional()
  @IsEnum(Locale)
  locale?: Locale;
}

export class UpdateUserDto extends UserProfileFields {
  @ApiPropertyOptional({ example: 'Luis Gómez' })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptionalNonNull()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ example: 'correct-horse-battery-staple', minLength: 10 })
  @IsOptionalNonNull()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ enum: Locale })
  @IsOptionalNonNull()
  @IsEnum(Locale)
  locale?: Locale;

  @ApiPropertyOptional({ description: 'Inactive users cannot log in and are not routed tickets' })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'ana@example.com', description: 'Exactly this address (case-insensitive): who a mail or chat came from' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'luis@helpdesk.example' }) email: string;
  @ApiProperty({ example: 'Luis Gómez' }) name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ enum: Locale }) locale: Locale;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: '+34 600 123 456', nullable: true, type: String }) phone: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ enum: TIERS, nullable: true, type: Number }) tier: Tier | null;
  @ApiProperty({ example: ['impresoras', 'redes'], type: [String] }) skills: string[];
  @ApiProperty({ example: 20, nullable: true, type: Number }) capacity: number | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Teams the user belongs to' }) teamIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageView {
  @ApiProperty({ type: [UserView] }) data: UserView[];
  @ApiProperty({ example: 'eyJzZXEiOiIxMjMifQ', nullable: true, type: String }) nextCursor: string | null;
}

/** Checks a login; no actor (the caller is not logged in yet). */
export class AuthenticateCommand {
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateUserCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateUserDto)
  user: CreateUserDto;
}

export class GetUserQuery extends ActorCommand {
  @IsUUID()
  id: string;
}

export class UpdateUserCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateUserDto)
  changes: UpdateUserDto;
}

export class ListUsersRequest extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListUsersQuery)
  query: ListUsersQuery;
}
