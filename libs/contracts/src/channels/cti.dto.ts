import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNonNull } from '../common/validation';

export const CTI_EVENTS = ['newCall', 'answer', 'hangup'] as const;
export type CtiEventName = (typeof CTI_EVENTS)[number];

/** Why a call ended, as PBXs (Asterisk, 3CX) report it; `cancel`, `noAnswer` and `busy` on an inbound call owe a callback. */
export const CTI_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded'] as const;
export type CtiCause = (typeof CTI_CAUSES)[number];

/** A phone number or extension as a PBX gives it: digits with an optional +, spaces, dashes, dots and parentheses. */
const NUMBER = /^\+?[0-9][0-9 ().-]{0,38}$/;

/** The body of `POST /webhooks/cti/:channelId`: one event of a call. */
export class CtiCallEventDto {
  @ApiProperty({ enum: CTI_EVENTS, example: 'hangup' })
  @IsIn(CTI_EVENTS)
  event: CtiEventName;

  @ApiProperty({ example: '1764403200.42', maxLength: 200, description: 'The PBX’s id of the call (Asterisk uniqueid, 3CX call id)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  callId: string;

  @ApiProperty({ example: '+34600111222', description: 'The calling number' })
  @Matches(NUMBER, { message: 'from must be a phone number or extension' })
  from: string;

  @ApiProperty({ example: '+34910000000', description: 'The called number' })
  @Matches(NUMBER, { message: 'to must be a phone number or extension' })
  to: string;

  @ApiProperty({ enum: ['in', 'out'], example: 'in', description: 'in: a customer calls the helpdesk; out: an agent calls out' })
  @IsIn(['in', 'out'])
  direction: 'in' | 'out';

  @ApiPropertyOptional({ example: '201', maxLength: 64, description: 'The extension (agent) that answered or placed the call' })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  user?: string;

  @ApiPropertyOptional({ enum: CTI_CAUSES, example: 'normalClearing', description: 'hangup: why the call ended' })
  @IsOptionalNonNull()
  @IsIn(CTI_CAUSES)
  cause?: CtiCause;

  @ApiPropertyOptional({ example: 95, minimum: 0, description: 'hangup: seconds of conversation' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(864_000)
  duration?: number;

  @ApiPropertyOptional({ example: 'https://pbx.example.com/recordings/1764403200.42.wav' })
  @IsOptionalNonNull()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  recordingUrl?: string;

  @ApiProperty({ example: '2026-11-29T09:00:00Z', description: 'When it happened at the PBX (ISO 8601)' })
  @IsISO8601({ strict: true })
  occurredAt: string;
}

/** What a PBX is told about a caller (`GET /webhooks/cti/:channelId/lookup?number=`) and ticket-service answers on `ticket.caller.lookup`. */
export class CallerRequesterView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Ana López' }) name: string;
  @ApiProperty({ example: 'ana@example.com' }) email: string;
  @ApiProperty({ example: '+34 600 111 222', nullable: true, type: String }) phone: string | null;
}

export class CallerOpenTicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) number: string;
  @ApiProperty({ example: 'No puedo entrar en mi cuenta' }) subject: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CallerLookupView {
  @ApiProperty({ type: CallerRequesterView, nullable: true, description: 'The user whose phone has the number’s digits, or null' })
  requester: CallerRequesterView | null;
  @ApiProperty({
    type: [CallerOpenTicketView],
    description: 'Their tickets that are not solved or closed, latest change first (at most 20)',
  })
  openTickets: CallerOpenTicketView[];
}

/** `ticket.caller.lookup` */
export class CallerLookupCommand {
  @IsString()
  @Matches(NUMBER)
  number: string;
}

/** A CTI lookup forwarded by the API gateway: the channel, the signature and the path with its query as the PBX signed it. */
export class CtiLookupCommand {
  @IsString()
  @MaxLength(200)
  channelId: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  signature?: string;

  @IsString()
  @MaxLength(4000)
  path: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  number?: string;
}
