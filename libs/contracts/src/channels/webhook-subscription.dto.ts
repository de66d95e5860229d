import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { IsOptionalNonNull } from '../common/validation';
import { EVENTS } from '../subjects';

/**
 * The events an outbound webhook subscription can name: every ticket event, the SLA notices, and
 * `*` for all of them. (`ping` is sent on demand to one subscription, whatever its events.)
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  ...Object.values(EVENTS.ticket),
  EVENTS.sla.warning,
  EVENTS.sla.breached,
  EVENTS.sla.escalated,
];

export const WEBHOOK_ANY_EVENT = '*';
export const WEBHOOK_PING_EVENT = 'ping';

const EVENT_CHOICES = [...WEBHOOK_EVENT_TYPES, WEBHOOK_ANY_EVENT];

export type OutboundDeliveryStatus = 'pending' | 'delivered' | 'failed';

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ example: 'https://erp.example.com/hooks/helpdesk', description: 'Where deliveries are POSTed (http or https)' })
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({
    type: [String],
    example: ['ticket.created', 'sla.breached'],
    description: `Event types to receive: ${EVENT_CHOICES.map((e) => `\`${e}\``).join(', ')} (\`*\`: all of them)`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(EVENT_CHOICES, { each: true, message: `each of events must be one of: ${EVENT_CHOICES.join(', ')}` })
  events: string[];

  @ApiProperty({
    example: 'whsec_9c1d7e2f4b8a6c3d',
    description: 'Signs every delivery (`X-Helpdesk-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`); write-only, never returned',
    minLength: 16,
    maxLength: 256,
    writeOnly: true,
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret: string;

  @ApiPropertyOptional({ example: 'ERP sync', maxLength: 500 })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: true, description: 'Inactive subscriptions receive nothing' })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional({ example: 'https://erp.example.com/hooks/helpdesk-v2' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url?: string;

  @ApiPropertyOptional({ type: [String], example: ['*'] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(EVENT_CHOICES, { each: true, message: `each of events must be one of: ${EVENT_CHOICES.join(', ')}` })
  events?: string[];

  @ApiPropertyOptional({
    example: 'whsec_rotated_4e8a1c9d2b7f',
    description: 'A new signing secret (write-only); without it the stored one stays',
    minLength: 16,
    writeOnly: true,
  })
  @IsOptionalNonNull()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ example: 'ERP sync (v2)', maxLength: 500 })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ example: false })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

export class WebhookSubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://erp.example.com/hooks/helpdesk' }) url: string;
  @ApiProperty({ type: [String], example: ['ticket.created', 'sla.breached'] }) events: string[];
  @ApiProperty({ example: 'ERP sync', nullable: true }) description: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'The secret itself is never returned' }) hasSecret: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OutboundDeliveryAttemptView {
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 500, nullable: true, description: 'Null when no HTTP answer came (timeout, refused connection)' })
  statusCode: number | null;
  @ApiProperty({ example: 42 }) durationMs: number;
  @ApiProperty({ example: 'HTTP 500', nullable: true }) error: string | null;
}

export class OutboundDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['subscription', 'channel_reply'] }) kind: 'subscription' | 'channel_reply';
  @ApiProperty({ format: 'uuid', nullable: true }) subscriptionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) channelId: string | null;
  @ApiProperty({ example: 'ticket.created' }) eventType: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: OutboundDeliveryStatus;
  @ApiProperty({ example: 3 }) attempts: number;
  @ApiProperty({ format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ example: 200, nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ example: 'HTTP 503', nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [OutboundDeliveryAttemptView], description: 'Every try, oldest first' })
  attemptLog: OutboundDeliveryAttemptView[];
}

export class CreateWebhookSubscriptionCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateWebhookSubscriptionDto)
  subscription: CreateWebhookSubscriptionDto;
}

export class UpdateWebhookSubscriptionCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateWebhookSubscriptionDto)
  changes: UpdateWebhookSubscriptionDto;
}

export class WebhookSubscriptionRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

export class WebhookDeliveriesCommand extends ActorCommand {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class WebhookDeliveryRefCommand extends ActorCommand {
  @IsUUID()
  deliveryId: string;
}
