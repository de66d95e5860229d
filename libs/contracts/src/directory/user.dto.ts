import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { Locale, Role } from '../common/enums';
import { PageQuery } from '../common/page';

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
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 }) expiresIn: number;
}

export class CreateUserDto {
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

  @ApiPropertyOptional({ minLength: 10, description: 'Without one the user cannot log in' })
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

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ enum: Locale }) locale: Locale;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageView {
  @ApiProperty({ type: [UserView] }) data: UserView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
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

export class ListUsersRequest extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListUsersQuery)
  query: ListUsersQuery;
}
