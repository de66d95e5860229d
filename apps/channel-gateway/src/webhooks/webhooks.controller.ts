import { EMPTY_TWIML, ErrorCode, TWILIO_SIGNATURE_HEADER, WEBHOOK_SIGNATURE_HEADER, WebhookAcceptedView } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Controller, Header, Headers, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InboundLogService } from '../inbound/inbound-log.service';

/**
 * `/webhooks/*` on channel-gateway's own port (distributed topology). Providers are authenticated by
 * the channel's HMAC signature over the raw body, which fastify keeps (`rawBody`) for this.
 */
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly inbound: InboundLogService) {}

  @Post('chat/:channelId')
  @HttpCode(200)
  chat(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAcceptedView> {
    return this.inbound.receiveChat(channelId, signature, jsonRawBody(request));
  }

  /** Twilio's SMS webhook: a form signed over the URL it called; answered with empty TwiML (no automatic reply). */
  @Post('twilio/:channelId/sms')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async twilioSms(
    @Param('channelId') channelId: string,
    @Headers(TWILIO_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<string> {
    await this.inbound.receiveTwilioSms(channelId, signature, formRawBody(request), {
      path: request.url,
      requestUrl: requestUrl(request),
    });
    return EMPTY_TWIML;
  }

  /** Twilio's voice callbacks (status, recording, transcription): answered with empty TwiML. */
  @Post('twilio/:channelId/voice')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async twilioVoice(
    @Param('channelId') channelId: string,
    @Headers(TWILIO_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<string> {
    await this.inbound.receiveTwilioVoice(channelId, signature, formRawBody(request), {
      path: request.url,
      requestUrl: requestUrl(request),
    });
    return EMPTY_TWIML;
  }
}

/** The bytes of a form body as Twilio signed it; any other media type is a 415. */
function formRawBody(request: RawBodyRequest<FastifyRequest>): Buffer {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '') || !request.rawBody) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the webhook as application/x-www-form-urlencoded');
  }
  return request.rawBody;
}

/** The URL this request was made to, as this server sees it (scheme, Host header, path and query). */
function requestUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}${request.url}`;
}

/** The bytes of a JSON body as the provider signed them; any other media type is a 415. */
function jsonRawBody(request: RawBodyRequest<FastifyRequest>): Buffer {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '') || !request.rawBody) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the webhook as application/json');
  }
  return request.rawBody;
}
