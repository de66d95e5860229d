import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsNotEmpty, IsObject, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { IsOptionalNonNull } from '../common/validation';

/** Where messages come from: a mailbox, a chat platform, Twilio voice/SMS, a PBX (CTI), the public web form. */
export enum ChannelType {
  Email = 'email',
  Chat = 'chat',
  Twilio = 'twilio',
  Cti = 'cti',
  Form = 'form',
}

/** The one write-only setting of each type (never returned; a view says `hasSecret`). Form channels have none. */
export const CHANNEL_SECRET_SETTING: Record<ChannelType, string | null> = {
  [ChannelType.Email]: 'password',
  [ChannelType.Chat]: 'signingSecret',
  [ChannelType.Twilio]: 'authToken',
  [ChannelType.Cti]: 'signingSecret',
  [ChannelType.Form]: null,
};

const SETTINGS_DESCRIPTION =
  'Per type (each bad value is a 400 on `settings.<name>`): ' +
  '**chat** `signingSecret` (16–256 characters, required), `outboundUrl` (http(s) URL agents’ public replies are POSTed to, signed with the signing secret, optional); ' +
  '**email** `host`, `port` (1–65535), `tls` (boolean), `user`, `password` (required), `folder` (default INBOX), `afterImport` (`seen` | `move`), `moveTo` (with `move`); ' +
  '**twilio** `accountSid` (AC + 32 hex), `authToken` (required), `phoneNumber` (E.164, optional), `outboundUrl` (http(s) URL SMS replies are POSTed to, signed with the auth token, optional); ' +
  '**cti** `signingSecret` (16–256 characters, required); **form** `allowedOrigins` (list of origins allowed by CORS, optional), ' +
  '`priority` (`low` | `normal` | `high` | `urgent`) and `teamId` (uuid) for its new tickets (optional). ' +
  'Secrets (`password`, `authToken`, `signingSecret`) are write-only: never returned; a change without them keeps the stored one.';

const SETTINGS_EXAMPLE = { signingSecret: 'whsec_5f2b8c1e9a7d4e3b', outboundUrl: 'https://chat.example.com/helpdesk/replies' };
const VIEW_SETTINGS_EXAMPLE = { outboundUrl: 'https://chat.example.com/helpdesk/replies' };

export class CreateChannelDto {
  @ApiProperty({ enum: ChannelType, example: ChannelType.Chat, description: 'Permanent once created' })
  @IsEnum(ChannelType)
  type: ChannelType;

  @ApiProperty({ example: 'Chat de la web', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: SETTINGS_EXAMPLE, description: SETTINGS_DESCRIPTION })
  @IsObject()
  settings: Record<string, unknown>;

  @ApiPropertyOptional({ example: true, default: true, description: 'An inactive channel refuses its webhooks (404)' })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

/** Fields given replace the stored ones; `settings` are merged name by name with the stored ones (so a secret can be kept). */
export class UpdateChannelDto {
  @ApiPropertyOptional({ example: 'Chat de la web', maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { outboundUrl: 'https://chat.example.com/helpdesk/v2/replies' },
    description: `Merged with the stored settings, then checked as a whole. ${SETTINGS_DESCRIPTION}`,
  })
  @IsOptionalNonNull()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ example: false })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

export class ChannelView {
  @ApiProperty({ format: 'uuid', description: 'Used in the channel’s webhook URLs, e.g. /webhooks/chat/:channelId' }) id: string;
  @ApiProperty({ enum: ChannelType, example: ChannelType.Chat }) type: ChannelType;
  @ApiProperty({ example: 'Chat de la web' }) name: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: VIEW_SETTINGS_EXAMPLE,
    description: 'The settings without the secret',
  })
  settings: Record<string, unknown>;
  @ApiProperty({ example: true, description: 'Whether the write-only secret (password, auth token, signing secret) is set' })
  hasSecret: boolean;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({
    example: '/webhooks/chat/0b9a4c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c',
    nullable: true,
    description: 'Where the provider posts (null for email)',
  })
  webhookPath: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateChannelCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateChannelDto)
  channel: CreateChannelDto;
}

export class UpdateChannelCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateChannelDto)
  changes: UpdateChannelDto;
}

export class ChannelRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}
