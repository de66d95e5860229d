import {
  ChatWebhookMessageDto,
  EMPTY_TWIML,
  ErrorCode,
  SUBJECTS,
  TWILIO_SIGNATURE_HEADER,
  TwilioWebhookCommand,
  WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookAcceptedView,
} from '@helpdesk/contracts';
import { BusClient, DomainError, Public } from '@helpdesk/platform';
import { Controller, Header, Headers, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems.decorator';

/**
 * `/webhooks/*` on the suite's port: the body is forwarded byte for byte, with the signature header,
 * to channel-gateway, which checks the signature and stores the message (in the distributed
 * topology channel-gateway also serves these routes on its own port). No JWT: the channel's HMAC
 * signature authenticates the provider.
 */
@ApiTags('webhooks')
@ApiProblems()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly bus: BusClient) {}

  @Public()
  @Post('chat/:channelId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive a chat message (signed by the chat platform)',
    description:
      'Signed with the channel’s `signingSecret`: `X-Helpdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. ' +
      'A wrong signature, or a timestamp more than 5 minutes away, is 401; an unknown or inactive channel 404; a body above 256 KiB 413; ' +
      'bad JSON or fields 400. The message is stored before the 200, then becomes a ticket (or a comment on the conversation’s open ticket); ' +
      'the same messageId again answers 200 with `duplicate: true` and does nothing else.',
  })
  @ApiHeader({
    name: 'X-Helpdesk-Signature',
    required: true,
    example: 't=1763892000,v1=b775228f731baeddef0a697932ef5983a274442de036387f538370b9a204cfa4',
  })
  @ApiBody({ type: ChatWebhookMessageDto })
  @ApiOkResponse({ type: WebhookAcceptedView })
  chat(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAcceptedView> {
    const raw = jsonRawBody(request);
    if (raw.length > WEBHOOK_MAX_BODY_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `A webhook body may have at most ${WEBHOOK_MAX_BODY_BYTES} bytes`);
    }
    return this.bus.request(SUBJECTS.channel.webhookChat, {
      channelId: channelId.slice(0, 200),
      signature: signature?.slice(0, 1000),
      rawBodyBase64: raw.toString('base64'),
    });
  }

  @Public()
  @Post('twilio/:channelId/sms')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary: 'Receive an SMS (Twilio messaging webhook)',
    description:
      'Twilio’s form (MessageSid, From, To, Body, NumMedia, MediaUrl0..), signed with the channel’s `authToken`: ' +
      '`X-Twilio-Signature` = base64 HMAC-SHA1 over the URL Twilio called (`CHANNEL_PUBLIC_BASE_URL` + path behind a proxy, ' +
      'the request’s own URL otherwise) followed by the POST parameters sorted by name, each name followed by its value. ' +
      'A missing or wrong signature is 403 (as Twilio’s own validators answer); an unknown or inactive Twilio channel 404; ' +
      'another media type 415; missing or bad fields 400. The SMS is stored before the answer (empty TwiML), then becomes a ticket ' +
      'or a reply on the sender number’s open ticket; the same MessageSid again is answered the same and does nothing else.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/xml')
  @ApiHeader({ name: 'X-Twilio-Signature', required: true, example: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' })
  @ApiOkResponse({ description: 'Empty TwiML', schema: { type: 'string', example: EMPTY_TWIML } })
  async twilioSms(
    @Param('channelId') channelId: string,
    @Headers(TWILIO_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<string> {
    await forwardTwilio(this.bus, SUBJECTS.channel.webhookTwilioSms, channelId, signature, request);
    return EMPTY_TWIML;
  }

  @Public()
  @Post('twilio/:channelId/voice')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary: 'Receive a call’s callbacks (Twilio voice webhook)',
    description:
      'Twilio’s form (CallSid, From, To, CallStatus, CallDuration; RecordingUrl and TranscriptionText in later callbacks), signed ' +
      'like the SMS webhook. A finished call becomes a `phone` ticket or a reply on the caller number’s open ticket; a missed one ' +
      '(busy, no-answer, failed, canceled) a “Callback: missed call” ticket; the recording link and the transcript are added to it. ' +
      'Each callback counts once per CallSid (a retry does nothing); ringing and in-progress callbacks are logged only. ' +
      '403 bad signature, 404 unknown channel, 400 bad fields, 415 not a form. Answers empty TwiML.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/xml')
  @ApiHeader({ name: 'X-Twilio-Signature', required: true })
  @ApiOkResponse({ description: 'Empty TwiML', schema: { type: 'string', example: EMPTY_TWIML } })
  async twilioVoice(
    @Param('channelId') channelId: string,
    @Headers(TWILIO_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<string> {
    await forwardTwilio(this.bus, SUBJECTS.channel.webhookTwilioVoice, channelId, signature, request);
    return EMPTY_TWIML;
  }
}

/** Forwards a Twilio form byte for byte with its signature, and the path and URL it was called at (the signature covers the URL). */
async function forwardTwilio(
  bus: BusClient,
  subject: string,
  channelId: string,
  signature: string | undefined,
  request: RawBodyRequest<FastifyRequest>,
): Promise<void> {
  const raw = formRawBody(request);
  if (raw.length > WEBHOOK_MAX_BODY_BYTES) {
    throw new DomainError(ErrorCode.PayloadTooLarge, `A webhook body may have at most ${WEBHOOK_MAX_BODY_BYTES} bytes`);
  }
  const command: TwilioWebhookCommand = {
    channelId: channelId.slice(0, 200),
    signature: signature?.slice(0, 1000),
    rawBodyBase64: raw.toString('base64'),
    path: request.url.slice(0, 4000),
    requestUrl: `${request.protocol}://${request.headers.host ?? request.hostname}${request.url}`.slice(0, 4200),
  };
  await bus.request<WebhookAcceptedView>(subject, command);
}

/** The bytes of a form body as Twilio signed it; any other media type is a 415. */
function formRawBody(request: RawBodyRequest<FastifyRequest>): Buffer {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '') || !request.rawBody) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the webhook as application/x-www-form-urlencoded');
  }
  return request.rawBody;
}

/** The bytes of a JSON body as the provider signed them; any other media type is a 415. */
function jsonRawBody(request: RawBodyRequest<FastifyRequest>): Buffer {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '') || !request.rawBody) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the webhook as application/json');
  }
  return request.rawBody;
}
