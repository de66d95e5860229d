import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { RoutingStrategy, TIERS, Tier } from '../common/enums';
import { PageQuery } from '../common/page';
import { IsOptionalNonNull } from '../common/validation';

class TeamFields {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Answers for the team: escalations reach them' })
  @IsOptional()
  @IsUUID()
  supervisorId?: string | null;

  @ApiPropertyOptional({ enum: RoutingStrategy, default: RoutingStrategy.RoundRobin })
  @IsOptionalNonNull()
  @IsEnum(RoutingStrategy)
  routingStrategy?: RoutingStrategy;
}

export class CreateTeamDto extends TeamFields {
  @ApiProperty({ example: 'Soporte N1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TIERS, example: 1 })
  @IsIn(TIERS)
  tier: Tier;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Staff members of the team' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class UpdateTeamDto extends TeamFields {
  @ApiPropertyOptional({ example: 'Soporte N1 (mañanas)' })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptionalNonNull()
  @IsIn(TIERS)
  tier?: Tier;
}

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class ListTeamsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TIERS, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsIn(TIERS)
  tier?: Tier;
}

export class TeamView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Soporte N1' }) name: string;
  @ApiProperty({ enum: TIERS, type: Number }) tier: Tier;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supervisorId: string | null;
  @ApiProperty({ enum: RoutingStrategy }) routingStrategy: RoutingStrategy;
  @ApiProperty({ type: [String], format: 'uuid' }) memberIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TeamPageView {
  @ApiProperty({ type: [TeamView] }) data: TeamView[];
  @ApiProperty({ example: 'eyJzZXEiOiIxMjMifQ', nullable: true, type: String }) nextCursor: string | null;
}

export class CreateTeamCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateTeamDto)
  team: CreateTeamDto;
}

export class UpdateTeamCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTeamDto)
  changes: UpdateTeamDto;
}

export class TeamRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class TeamMemberCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsUUID()
  userId: string;
}

export class ListTeamsRequest extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListTeamsQuery)
  query: ListTeamsQuery;
}
