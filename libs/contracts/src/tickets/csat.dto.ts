import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';

export enum CsatRating {
  Good = 'good',
  Bad = 'bad',
}

export const CSAT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export class RateDto {
  @ApiProperty({ enum: CsatRating })
  @IsEnum(CsatRating)
  rating: CsatRating;

  @ApiPropertyOptional({ example: 'Rápido y amable', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class SatisfactionView {
  @ApiProperty({ enum: CsatRating }) rating: CsatRating;
  @ApiProperty({ example: 'Muy rápido, gracias', nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) ratedAt: string;
}

/** The survey of a ticket as its requester sees it (the token lets them answer from the portal). */
export class CsatSurveyView {
  @ApiProperty({ enum: ['pending', 'rated', 'expired', 'none'] }) state: 'pending' | 'rated' | 'expired' | 'none';
  @ApiPropertyOptional({
    example: 'q3VbZx8kRt2mN7pL0aYwEc',
    description: 'Requester only, while pending: answer with POST /api/v1/csat/{token}',
  })
  token?: string;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
  @ApiPropertyOptional({ type: SatisfactionView }) satisfaction?: SatisfactionView;
}

export class RateCommand {
  @IsString()
  @Matches(CSAT_TOKEN_PATTERN)
  token: string;

  @IsObject()
  @ValidateNested()
  @Type(() => RateDto)
  rating: RateDto;
}

export class CsatQuery extends ActorCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;
}
