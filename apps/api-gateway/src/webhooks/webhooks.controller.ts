import {
  CallerLookupView,
  ChatWebhookMessageDto,
  CtiCallEventDto,
  CtiLookupCommand,
  FORM_MAX_BODY_BYTES,
  FormCorsView,
  FormWebhookCommand,
  IDEMPOTENCY_KEY_HEADER,
  WebFormAcceptedView,
  WebFormDto,
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
import { Controller, Get, Header, Headers, HttpCode, Options, Param, Post, Query, RawBodyRequest, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems.decorator';

const FORM_DESCRIPTION =
  'No login: JSON or application/x-www-form-urlencoded with `name`, `email`, `subject`, `message`, optional `locale` (es | en). ' +
  'Opens a `form` ticket for the email’s requester (the channel’s `priority` and `teamId` settings apply) and answers 201 with the inbound id, ' +
  'the ticket number when it is known within a second, and up to 3 knowledge-base suggestions (`[]` when kb-service does not answer in 300 ms) with their `suggestionSessionId` ' +
  '(for `POST /api/v1/kb/suggestion-sessions/{id}/events`). ' +
  'Above 64 KiB 413; bad fields 400 with one error per field; more than FORM_RATE_LIMIT_PER_MINUTE submissions a minute from one address 429 ' +
  'with `Retry-After`; an `Origin` not in the channel’s `allowedOrigins` 403; no such form channel 404. A filled `website` field (honeypot) is ' +
  'answered 201 and makes nothing; the same `Idempotency-Key` again answers `duplicate: true` and makes nothing.';

const PREFLIGHT_DESCRIPTION =
  '204 with `Access-Control-Allow-Origin` (and methods, headers, max age) when the `Origin` is in the form channel’s `allowedOrigins` ' +
  '(any active form channel’s when the channel is not named); 403 otherwise.';

const FORM_CORS_HEADERS = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key',
  'access-control-max-age': '600',
};

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
    return this.forwardSignedJson(SUBJECTS.channel.webhookChat, channelId, signature, request);
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

  @Public()
  @Post('cti/:channelId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive a call event from a PBX (CTI: Asterisk, 3CX)',
    description:
      'Signed like the chat webhook with the CTI channel’s `signingSecret`: `X-Helpdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. ' +
      'A missing or wrong signature, or a timestamp more than 5 minutes away, is 403; an unknown or inactive CTI channel 404; bad JSON or fields 400; ' +
      'another media type 415. Each event counts once per `<callId>:<event>` (a retry answers `duplicate: true`). `newCall` and `answer` are logged; ' +
      'the hang-up of an answered inbound call becomes a `phone` ticket or a comment on the caller number’s open ticket (duration, extension, recording); ' +
      'an inbound call hung up unanswered, or with cause `cancel`, `noAnswer` or `busy`, a new callback ticket tagged `callback`; the hang-up of an ' +
      'outbound call a comment on the callee’s open ticket, or nothing when there is none.',
  })
  @ApiHeader({ name: 'X-Helpdesk-Signature', required: true })
  @ApiBody({ type: CtiCallEventDto })
  @ApiOkResponse({ type: WebhookAcceptedView })
  cti(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAcceptedView> {
    return this.forwardSignedJson(SUBJECTS.channel.webhookCti, channelId, signature, request);
  }

  @Public()
  @Get('cti/:channelId/lookup')
  @ApiOperation({
    summary: 'Who is calling (CTI caller lookup for a PBX screen pop)',
    description:
      'Signed with the CTI channel’s `signingSecret` over the timestamp and the request’s path with its query, exactly as sent (no body): ' +
      '`X-Helpdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<path?query>">`, e.g. the string ' +
      '`1764403200./webhooks/cti/<channelId>/lookup?number=%2B34600111222`. The requester is the active user whose phone has the same digits ' +
      '(customers first); `openTickets` are theirs that are not solved or closed. 403 bad or stale signature, 404 unknown channel, 400 missing or bad number.',
  })
  @ApiHeader({ name: 'X-Helpdesk-Signature', required: true })
  @ApiQuery({ name: 'number', required: true, example: '+34600111222' })
  @ApiOkResponse({ type: CallerLookupView })
  ctiLookup(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Query('number') number: unknown,
    @Req() request: FastifyRequest,
  ): Promise<CallerLookupView> {
    const command: CtiLookupCommand = {
      channelId: channelId.slice(0, 200),
      signature: signature?.slice(0, 1000),
      path: request.url.slice(0, 4000),
      number: typeof number === 'string' ? number.slice(0, 200) : undefined,
    };
    return this.bus.request(SUBJECTS.channel.webhookCtiLookup, command);
  }

  @Public()
  @Post('form')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit the public web form',
    description: FORM_DESCRIPTION,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiQuery({
    name: 'channelId',
    required: false,
    description: 'The form channel (or the body’s `channelId`; unneeded with one active form channel)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A double submit with the same key makes one ticket' })
  @ApiBody({ type: WebFormDto })
  @ApiCreatedResponse({ type: WebFormAcceptedView })
  form(
    @Query('channelId') channelId: unknown,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormAcceptedView> {
    return forwardForm(this.bus, typeof channelId === 'string' ? channelId : undefined, request, reply);
  }

  @Public()
  @Post('form/:channelId')
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit the public web form of one form channel', description: FORM_DESCRIPTION })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A double submit with the same key makes one ticket' })
  @ApiBody({ type: WebFormDto })
  @ApiCreatedResponse({ type: WebFormAcceptedView })
  formOf(
    @Param('channelId') channelId: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormAcceptedView> {
    return forwardForm(this.bus, channelId, request, reply);
  }

  @Public()
  @Options('form')
  @ApiOperation({ summary: 'CORS preflight of the web form', description: PREFLIGHT_DESCRIPTION })
  @ApiQuery({ name: 'channelId', required: false })
  @ApiNoContentResponse({ description: 'The origin may post: Access-Control-Allow-* headers' })
  formPreflight(
    @Query('channelId') channelId: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    return preflight(this.bus, typeof channelId === 'string' ? channelId : undefined, request, reply);
  }

  @Public()
  @Options('form/:channelId')
  @ApiOperation({ summary: 'CORS preflight of one form channel', description: PREFLIGHT_DESCRIPTION })
  @ApiParam({ name: 'channelId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'The origin may post: Access-Control-Allow-* headers' })
  formPreflightOf(
    @Param('channelId') channelId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    return preflight(this.bus, channelId, request, reply);
  }

  /** A signed JSON webhook (chat, CTI) to channel-gateway as received: the raw body, for its signature. */
  private forwardSignedJson(
    subject: string,
    channelId: string,
    signature: string | undefined,
    request: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAcceptedView> {
    const raw = jsonRawBody(request);
    if (raw.length > WEBHOOK_MAX_BODY_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `A webhook body may have at most ${WEBHOOK_MAX_BODY_BYTES} bytes`);
    }
    return this.bus.request(subject, {
      channelId: channelId.slice(0, 200),
      signature: signature?.slice(0, 1000),
      rawBodyBase64: raw.toString('base64'),
    });
  }
}

/** Forwards a form submission byte for byte with its media type, Idempotency-Key, Origin and client address. */
async function forwardForm(
  bus: BusClient,
  channelId: string | undefined,
  request: RawBodyRequest<FastifyRequest>,
  reply: FastifyReply,
): Promise<WebFormAcceptedView> {
  const raw = request.rawBody ?? Buffer.alloc(0);
  if (raw.length > FORM_MAX_BODY_BYTES) {
    throw new DomainError(ErrorCode.PayloadTooLarge, `A form submission may have at most ${FORM_MAX_BODY_BYTES} bytes`);
  }
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  const origin = request.headers.origin;
  const command: FormWebhookCommand = {
    channelId: channelId?.slice(0, 200),
    contentType: (request.headers['content-type'] ?? '').slice(0, 200),
    rawBodyBase64: raw.toString('base64'),
    idempotencyKey: typeof key === 'string' && key ? key.slice(0, 255) : undefined,
    clientIp: request.ip,
    origin: origin?.slice(0, 2000),
  };
  // A 429's Retry-After comes from the error's details, set by the exception filter (sendProblem).
  const accepted = await bus.request<WebFormAcceptedView>(SUBJECTS.channel.webhookForm, command);
  if (origin) void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
  return accepted;
}

/** 204 with the CORS headers when channel-gateway allows the origin; 403 otherwise. */
async function preflight(bus: BusClient, channelId: string | undefined, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const origin = request.headers.origin;
  const { allowed } = origin
    ? await bus.request<FormCorsView>(SUBJECTS.channel.webhookFormCors, {
        channelId: channelId?.slice(0, 200),
        origin: origin.slice(0, 2000),
      })
    : { allowed: false };
  if (!allowed || !origin) {
    throw new DomainError(ErrorCode.Forbidden, `Origin ${origin ?? '(none)'} may not post to this form`, { reason: 'origin' });
  }
  void reply.status(204).headers({ ...FORM_CORS_HEADERS, 'access-control-allow-origin': origin, vary: 'Origin' });
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
