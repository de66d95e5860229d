import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOptionalNonNull } from '../common/validation';
import { KbSuggestionView } from '../kb/kb-suggestion.dto';

/** The largest web form submission taken (a 413 above). */
export const FORM_MAX_BODY_BYTES = 65_536;

/** The header a page may send so that a double submit makes one ticket. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The fields of `POST /webhooks/form` (JSON or application/x-www-form-urlencoded). */
export class WebFormDto {
  @ApiProperty({ example: 'Ana López', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ana@example.com', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'No puedo entrar en mi cuenta', maxLength: 250 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  subject: string;

  @ApiProperty({ example: 'Desde ayer me dice que la contraseña es incorrecta.', maxLength: 20000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  message: string;

  @ApiPropertyOptional({ enum: ['es', 'en'], default: 'es' })
  @IsOptionalNonNull()
  @IsIn(['es', 'en'])
  locale?: 'es' | 'en';

  @ApiPropertyOptional({ format: 'uuid', description: 'The form channel, when the URL does not name it and there is more than one' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(200)
  channelId?: string;

  @ApiPropertyOptional({
    example: '',
    description: 'Honeypot: leave empty (hidden from people; a bot that fills it is answered as usual and nothing is made)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  website?: string;
}

export class WebFormAcceptedView {
  @ApiProperty({ example: true }) received: boolean;
  @ApiProperty({ example: false, description: 'true when this Idempotency-Key was submitted before (nothing else happened)' })
  duplicate: boolean;
  @ApiProperty({ format: 'uuid', description: 'The inbound log entry' }) id: string;
  @ApiProperty({
    example: 'HD-000123',
    nullable: true,
    type: String,
    description: 'The ticket’s number when it was opened within a second',
  })
  ticketNumber: string | null;
  @ApiProperty({
    type: [KbSuggestionView],
    description: 'Knowledge-base articles that may answer it (empty when the knowledge base does not answer in time)',
  })
  suggestions: KbSuggestionView[];
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The knowledge-base suggestion session of `suggestions` (null without them): the page reports clicks and "this solved my ' +
      'problem" to `POST /api/v1/kb/suggestion-sessions/{id}/events`',
  })
  suggestionSessionId: string | null;
}

/** A form submission forwarded by the API gateway: the body byte for byte, its media type, the channel if the URL names it, and the client. */
export class FormWebhookCommand {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  channelId?: string;

  @IsString()
  @MaxLength(200)
  contentType: string;

  @IsString()
  @MaxLength(200_000)
  rawBodyBase64: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  idempotencyKey?: string;

  @IsString()
  @MaxLength(100)
  clientIp: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  origin?: string;
}

/** A CORS preflight (or a form's Origin) to check against the form channel's `allowedOrigins`. */
export class FormCorsCommand {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  channelId?: string;

  @IsString()
  @MaxLength(2000)
  origin: string;
}

export interface FormCorsView {
  allowed: boolean;
}
