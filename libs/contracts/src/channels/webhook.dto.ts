import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsEmail,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull } from '../common/validation';

/** The largest webhook body channel-gateway takes (the API gateway forwards at most this much over the bus). */
export const WEBHOOK_MAX_BODY_BYTES = 262_144;

/** How far a signed timestamp may be from the suite's clock, either way. */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

/** `X-Helpdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` */
export const WEBHOOK_SIGNATURE_HEADER = 'x-helpdesk-signature';

export class ChatSenderDto {
  @ApiProperty({ example: 'visitor-8841', maxLength: 200, description: 'The sender’s id on the chat platform' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiProperty({ example: 'Ana López', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'ana@example.com', description: 'Matches the requester; without it one is created for this sender' })
  @IsOptionalNonNull()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class ChatAttachmentDto {
  @ApiProperty({ example: 'https://chat.example.com/files/8841/captura.png', description: 'A link (the file itself is not fetched)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ example: 'captura.png', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ example: 'image/png', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  contentType?: string;
}

/** The body of `POST /webhooks/chat/:channelId`. */
export class ChatWebhookMessageDto {
  @ApiProperty({ example: 'conv-2026-11-23-0042', maxLength: 200, description: 'One conversation is one open ticket' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  conversationId: string;

  @ApiProperty({ example: 'msg-7f3a9c', maxLength: 200, description: 'Unique per channel: a repeat is acknowledged and ignored' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  messageId: string;

  @ApiProperty({ type: ChatSenderDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ChatSenderDto)
  from: ChatSenderDto;

  @ApiProperty({ example: 'Hola, no puedo entrar en mi cuenta.', maxLength: 65536 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65536)
  text: string;

  @ApiPropertyOptional({ type: [ChatAttachmentDto], default: [] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChatAttachmentDto)
  attachments?: ChatAttachmentDto[];

  @ApiProperty({ example: '2026-11-23T10:15:00Z', description: 'When the sender wrote it (ISO 8601)' })
  @IsISO8601({ strict: true })
  sentAt: string;
}

export class WebhookAcceptedView {
  @ApiProperty({ example: true }) received: boolean;
  @ApiProperty({ example: false, description: 'true when this message id was received before (nothing else happened)' })
  duplicate: boolean;
  @ApiProperty({ format: 'uuid', description: 'The inbound log entry' }) id: string;
}

/** What the API gateway forwards of a webhook request: the channel, the signature header and the raw body, byte for byte (base64). */
export class ChannelWebhookCommand {
  @IsString()
  @MaxLength(200)
  channelId: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  signature?: string;

  @IsBase64()
  @MaxLength(Math.ceil(WEBHOOK_MAX_BODY_BYTES / 3) * 4 + 8)
  rawBodyBase64: string;
}

/** The header Twilio signs its webhooks with (base64 HMAC-SHA1 over the URL it called and the sorted POST parameters). */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** The TwiML a Twilio webhook answers with: nothing to do. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * A Twilio webhook forwarded by the API gateway: the raw form body, the signature header, and the
 * path (with query) and full URL it was called at, so channel-gateway checks the signature against the
 * configured public base URL plus the path, or the request's own URL.
 */
export class TwilioWebhookCommand extends ChannelWebhookCommand {
  @IsString()
  @MaxLength(4000)
  path: string;

  @IsString()
  @MaxLength(4200)
  requestUrl: string;
}
