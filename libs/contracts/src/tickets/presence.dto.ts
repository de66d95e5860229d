import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';

export enum PresenceState {
  Viewing = 'viewing',
  Typing = 'typing',
}

export class PresenceDto {
  @ApiProperty({ enum: PresenceState })
  @IsEnum(PresenceState)
  state: PresenceState;
}

export class PresenceView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'Luis Gómez' }) name: string;
  @ApiProperty({ enum: PresenceState }) state: PresenceState;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class PresenceCommand extends ActorCommand {
  @IsString()
  @MaxLength(64)
  ticketId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PresenceDto)
  presence: PresenceDto;
}
