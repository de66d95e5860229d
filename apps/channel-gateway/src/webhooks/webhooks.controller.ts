import {
  CallerLookupView,
  EMPTY_TWIML,
  ErrorCode,
  IDEMPOTENCY_KEY_HEADER,
  TWILIO_SIGNATURE_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WebFormAcceptedView,
  WebhookAcceptedView,
} from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Controller, Get, Header, Headers, HttpCode, Options, Param, Post, Query, RawBodyRequest, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

  /** A PBX's call event (newCall, answer, hangup), signed like the chat webhook. */
  @Post('cti/:channelId')
  @HttpCode(200)
  cti(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAcceptedView> {
    return this.inbound.receiveCti(channelId, signature, jsonRawBody(request));
  }

  /** A PBX asks who is calling: signed over `<t>.<path?query>`. */
  @Get('cti/:channelId/lookup')
  ctiLookup(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Query('number') number: unknown,
    @Req() request: FastifyRequest,
  ): Promise<CallerLookupView> {
    return this.inbound.lookupCaller(channelId, signature, request.url, typeof number === 'string' ? number : undefined);
  }

  @Post('form')
  @HttpCode(201)
  form(
    @Query('channelId') channelId: unknown,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormAcceptedView> {
    return this.receiveForm(typeof channelId === 'string' ? channelId : undefined, request, reply);
  }

  @Post('form/:channelId')
  @HttpCode(201)
  formOf(
    @Param('channelId') channelId: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormAcceptedView> {
    return this.receiveForm(channelId, request, reply);
  }

  @Options('form')
  formPreflight(
    @Query('channelId') channelId: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    return this.preflight(typeof channelId === 'string' ? channelId : undefined, request, reply);
  }

  @Options('form/:channelId')
  formPreflightOf(
    @Param('channelId') channelId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    return this.preflight(channelId, request, reply);
  }

  private async receiveForm(
    channelId: string | undefined,
    request: RawBodyRequest<FastifyRequest>,
    reply: FastifyReply,
  ): Promise<WebFormAcceptedView> {
    const origin = request.headers.origin;
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    // A 429's Retry-After comes from the error's details, set by the exception filter (sendProblem).
    const accepted = await this.inbound.receiveForm({
      channelId,
      contentType: request.headers['content-type'] ?? '',
      rawBodyBase64: (request.rawBody ?? Buffer.alloc(0)).toString('base64'),
      idempotencyKey: typeof key === 'string' && key ? key.slice(0, 255) : undefined,
      clientIp: request.ip,
      origin,
    });
    if (origin) void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return accepted;
  }

  /** 204 with the CORS headers for an allowed origin; 403 otherwise. */
  private async preflight(channelId: string | undefined, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const origin = request.headers.origin;
    if (!origin || !(await this.inbound.formOriginAllowed(channelId, origin))) {
      throw new DomainError(ErrorCode.Forbidden, `Origin ${origin ?? '(none)'} may not post to this form`, { reason: 'origin' });
    }
    void reply.status(204).headers({ ...FORM_CORS_HEADERS, 'access-control-allow-origin': origin, vary: 'Origin' });
  }
}

/**
 * The web form and CTI routes, shared by both controllers' shapes: the API gateway's twin of this
 * controller forwards the same requests over the bus (see apps/api-gateway/src/webhooks).
 */
export const FORM_CORS_HEADERS = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key',
  'access-control-max-age': '600',
};

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
