import { randomUUID } from 'node:crypto';
import {
  CallerLookupView,
  ChannelMessageReceivedV1,
  ChannelType,
  ErrorCode,
  FORM_MAX_BODY_BYTES,
  FormWebhookCommand,
  KB_SUGGEST_TIMEOUT_MS,
  KbSuggestCommand,
  KbSuggestionView,
  KbSuggestionsView,
  SUBJECTS,
  WebFormAcceptedView,
  WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  WebhookAcceptedView,
} from '@helpdesk/contracts';
import { BusClient, currentTime, DomainError, sqlRows, verifySignature } from '@helpdesk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelsService } from '../channels/channels.service';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../config/channel-gateway.config';
import { FormParams, parseForm, signedUrl, verifyTwilioSignature } from '../webhooks/twilio-signature';
import { chatMessageReceived, parseChatMessage } from './chat-message';
import { InboundLogWriter } from './inbound-log.writer';
import { ctiCallReceived, ctiCustomerNumber, ctiDecision, ctiMessageId, parseCtiEvent } from './cti-call';
import { formMessageId, FormRateLimiter, isBot, parseWebForm, webFormReceived } from './web-form';
import { parseTwilioSms, twilioSmsReceived } from './twilio-sms';
import { parseTwilioCallback, twilioCallbackReceived } from './twilio-voice';

/**
 * The inbound log: a webhook's message is stored, keyed by (channel, provider message id), in the
 * same transaction as the `channel.message.received` outbox event that hands it to ticket-service,
 * and only then acknowledged. A repeat finds the row and is acknowledged with `duplicate: true`,
 * emitting nothing. ticket-service being down only delays the event (the outbox and JetStream keep it).
 */
@Injectable()
export class InboundLogService {
  private readonly logger = new Logger(InboundLogService.name);
  private readonly formLimiter: FormRateLimiter;

  constructor(
    private readonly channels: ChannelsService,
    private readonly writer: InboundLogWriter,
    private readonly bus: BusClient,
    private readonly dataSource: DataSource,
    @Inject(CHANNEL_GATEWAY_CONFIG) private readonly config: ChannelGatewayConfig,
  ) {
    this.formLimiter = new FormRateLimiter(config.formRateLimitPerMinute);
  }

  /**
   * `POST /webhooks/cti/:channelId`: signed like the chat webhook (403 when the signature is missing,
   * wrong or stale), 404 unknown channel, 413 too large, 400 bad body. Each event of a call is one
   * inbound message keyed `<callId>:<event>`; newCall and answer are logged, a hang-up is handed over
   * (see ctiDecision) with the answering extension of the call's logged answer.
   */
  async receiveCti(channelId: string, signature: string | undefined, rawBody: Buffer): Promise<WebhookAcceptedView> {
    const channel = await this.ctiChannel(channelId);
    if (rawBody.length > WEBHOOK_MAX_BODY_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `A webhook body may have at most ${WEBHOOK_MAX_BODY_BYTES} bytes`);
    }
    this.checkCtiSignature(channel, signature, rawBody);
    const parsed = parseCtiEvent(rawBody);
    if (!parsed.ok) throw DomainError.validation(parsed.errors);
    const { event } = parsed;
    let answer: { user: string | null } | null = null;
    if (event.event === 'hangup') {
      const [row] = await sqlRows<{ raw_body: string }>(
        this.dataSource,
        `SELECT raw_body FROM "channel"."inbound_messages" WHERE channel_id = $1 AND provider_message_id = $2`,
        [channel.id, ctiMessageId({ callId: event.callId, event: 'answer' })],
      );
      if (row) {
        const logged = parseCtiEvent(Buffer.from(row.raw_body, 'utf8'));
        answer = { user: logged.ok ? (logged.event.user ?? null) : null };
      }
    }
    const decision = ctiDecision(event, answer);
    return this.store(channel.id, ctiMessageId(event), ctiCustomerNumber(event), rawBody, (id, receivedAt) =>
      ctiCallReceived(id, channel.id, event, decision, receivedAt),
    );
  }

  /**
   * `GET /webhooks/cti/:channelId/lookup?number=`: signed over `<t>.<path and query>` (no body);
   * 403 bad signature, 404 unknown channel, 400 missing or bad number. Who the caller is and their open tickets.
   */
  async lookupCaller(
    channelId: string,
    signature: string | undefined,
    path: string,
    number: string | undefined,
  ): Promise<CallerLookupView> {
    const channel = await this.ctiChannel(channelId);
    const pathAndQuery = path.slice(path.indexOf('/webhooks/'));
    const problem = verifySignature({
      header: signature,
      secret: channel.secret ?? '',
      // `<t>.<path?query>` (signedRequestString): the path and query stand where a body would.
      rawBody: pathAndQuery,
      now: currentTime(),
      toleranceSeconds: WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
    });
    this.refuseCti(channelId, problem, channel.secret);
    const digits = (number ?? '').replace(/\D/g, '');
    if (!number || !/^\+?[0-9][0-9 ().-]{0,38}$/.test(number.trim()) || digits.length < 5 || digits.length > 20) {
      throw DomainError.validation([{ field: 'number', message: 'number must be a phone number (5 to 20 digits)' }]);
    }
    return this.bus.request<CallerLookupView>(SUBJECTS.ticket.callerLookup, { number: number.trim() });
  }

  /**
   * `POST /webhooks/form[/:channelId]`: a public web form. 404 no such form channel, 413 above 64 KiB,
   * 429 over the per-address limit (details.retryAfterSeconds), 400 bad fields. A filled honeypot is
   * answered as a success and makes nothing; an Idempotency-Key makes a double submit one ticket.
   */
  async receiveForm(command: FormWebhookCommand): Promise<WebFormAcceptedView> {
    const rawBody = Buffer.from(command.rawBodyBase64, 'base64');
    const json = /^application\/json\b/i.test(command.contentType);
    if (!json && !/^application\/x-www-form-urlencoded\b/i.test(command.contentType)) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the form as application/json or application/x-www-form-urlencoded');
    }
    if (rawBody.length > FORM_MAX_BODY_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `A form submission may have at most ${FORM_MAX_BODY_BYTES} bytes`);
    }
    const parsed = parseWebForm(rawBody, command.contentType);
    const named = command.channelId ?? (parsed.ok ? parsed.form.channelId : undefined);
    const channel = await this.channels.formChannel(named);
    if (command.origin && !(await this.channels.formOriginAllowed(channel.id, command.origin))) {
      throw new DomainError(ErrorCode.Forbidden, `Origin ${command.origin} may not post to this form`, { reason: 'origin' });
    }
    const limit = this.formLimiter.hit(command.clientIp, currentTime().getTime());
    if (!limit.allowed) {
      throw new DomainError(ErrorCode.RateLimited, `Too many submissions: try again in ${limit.retryAfterSeconds} s`, {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    }
    if (!parsed.ok) throw DomainError.validation(parsed.errors);
    const { form } = parsed;
    if (isBot(form)) {
      this.logger.warn({ channelId: channel.id }, 'web form honeypot filled: nothing made');
      return { received: true, duplicate: false, id: randomUUID(), ticketNumber: null, suggestions: [], suggestionSessionId: null };
    }
    const key = formMessageId(command.idempotencyKey, randomUUID());
    const defaults = {
      priority: channel.settings.priority as ChannelMessageReceivedV1['priority'],
      teamId: channel.settings.teamId as string | undefined,
    };
    const suggestions = this.suggest(`${form.subject}\n${form.message}`, form.locale ?? 'es');
    const accepted = await this.store(channel.id, key, key, rawBody, (id, receivedAt) =>
      webFormReceived(id, channel.id, key, form, defaults, receivedAt),
    );
    const [ticketNumber, found] = await Promise.all([this.ticketNumberSoon(accepted.id), suggestions]);
    return { ...accepted, ticketNumber, suggestions: found.data, suggestionSessionId: found.sessionId };
  }

  /** A CORS preflight: whether the origin is among the form channel's `allowedOrigins` (any active form channel when unnamed). */
  formOriginAllowed(channelId: string | undefined, origin: string): Promise<boolean> {
    return this.channels.formOriginAllowed(channelId, origin);
  }

  /**
   * kb-service's suggestions and the suggestion session they opened (source `form`), or none when it
   * does not answer within KB_SUGGEST_TIMEOUT_MS (it may not run, or not implement it).
   */
  private async suggest(text: string, locale: 'es' | 'en'): Promise<{ sessionId: string | null; data: KbSuggestionView[] }> {
    try {
      const reply = await this.bus.request<KbSuggestionsView | KbSuggestionView[]>(
        SUBJECTS.kb.suggest,
        { text: text.slice(0, 4000), locale, limit: 3, source: 'form' } satisfies KbSuggestCommand,
        {
          timeoutMs: KB_SUGGEST_TIMEOUT_MS,
        },
      );
      if (Array.isArray(reply)) return { sessionId: null, data: reply.slice(0, 3) };
      return { sessionId: reply?.sessionId ?? null, data: Array.isArray(reply?.data) ? reply.data.slice(0, 3) : [] };
    } catch {
      return { sessionId: null, data: [] };
    }
  }

  /** The ticket number of a handed-over message once ticket-service has handled it, waiting at most a second. */
  private async ticketNumberSoon(inboundId: string): Promise<string | null> {
    const deadline = Date.now() + 1000;
    for (;;) {
      const [row] = await sqlRows<{ ticket_number: string | null }>(
        this.dataSource,
        `SELECT ticket_number FROM "channel"."inbound_messages" WHERE id = $1`,
        [inboundId],
      );
      if (row?.ticket_number || Date.now() >= deadline) return row?.ticket_number ?? null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async ctiChannel(channelId: string): Promise<{ id: string; secret: string | null }> {
    const channel = await this.channels.credentials(channelId);
    if (!channel || channel.type !== ChannelType.Cti || !channel.active) {
      throw new DomainError(ErrorCode.NotFound, `No active CTI channel ${channelId}`, { resource: 'Channel', id: channelId });
    }
    return channel;
  }

  private checkCtiSignature(channel: { id: string; secret: string | null }, signature: string | undefined, rawBody: Buffer): void {
    const problem = verifySignature({
      header: signature,
      secret: channel.secret ?? '',
      rawBody,
      now: currentTime(),
      toleranceSeconds: WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
    });
    this.refuseCti(channel.id, problem, channel.secret);
  }

  /** A PBX with a missing, wrong or stale signature is refused with 403 (as Twilio's webhooks are). */
  private refuseCti(channelId: string, problem: string | null, secret: string | null): void {
    if (!problem && secret) return;
    this.logger.warn({ channelId, problem }, 'CTI webhook refused: bad signature');
    throw new DomainError(ErrorCode.Forbidden, signatureMessage(problem ?? 'mismatch'), { reason: problem ?? 'mismatch' });
  }

  /** `POST /webhooks/chat/:channelId`: 404 unknown channel, 413 too large, 401 bad or stale signature, 400 bad body. */
  async receiveChat(channelId: string, signature: string | undefined, rawBody: Buffer): Promise<WebhookAcceptedView> {
    const channel = await this.channels.credentials(channelId);
    if (!channel || channel.type !== ChannelType.Chat || !channel.active) {
      throw new DomainError(ErrorCode.NotFound, `No active chat channel ${channelId}`, { resource: 'Channel', id: channelId });
    }
    if (rawBody.length > WEBHOOK_MAX_BODY_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `A webhook body may have at most ${WEBHOOK_MAX_BODY_BYTES} bytes`);
    }
    const problem = verifySignature({
      header: signature,
      secret: channel.secret ?? '',
      rawBody,
      now: currentTime(),
      toleranceSeconds: WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
    });
    if (problem || !channel.secret) {
      this.logger.warn({ channelId, problem }, 'chat webhook refused: bad signature');
      throw new DomainError(ErrorCode.Unauthenticated, signatureMessage(problem ?? 'mismatch'), { reason: problem ?? 'mismatch' });
    }
    const parsed = parseChatMessage(rawBody);
    if (!parsed.ok) throw DomainError.validation(parsed.errors);
    const { message } = parsed;
    return this.store(channel.id, message.messageId, message.conversationId, rawBody, (id, receivedAt) =>
      chatMessageReceived(id, channel.id, message, receivedAt),
    );
  }

  /**
   * `POST /webhooks/twilio/:channelId/sms`: 404 unknown channel, 413 too large, 403 bad signature
   * (over the URL Twilio called: the public base URL plus `path`, or `requestUrl`), 400 bad form.
   * One SMS is one inbound message keyed by its MessageSid; its conversation is the sender's number.
   */
  async receiveTwilioSms(
    channelId: string,
    signature: string | undefined,
    rawBody: Buffer,
    at: { path: string; requestUrl: string },
  ): Promise<WebhookAcceptedView> {
    const { channelId: id, params } = await this.twilioForm(channelId, signature, rawBody, at);
    const parsed = parseTwilioSms(params);
    if (!parsed.ok) throw DomainError.validation(parsed.errors);
    const { sms } = parsed;
    return this.store(id, sms.messageSid, sms.from, rawBody, (inboundId, receivedAt) => twilioSmsReceived(inboundId, id, sms, receivedAt));
  }

  /**
   * `POST /webhooks/twilio/:channelId/voice`: the same checks as SMS. Each callback of a call is one
   * inbound message keyed `<CallSid>:<kind>` (a status, the recording, the transcript), so a retried
   * callback does nothing and each later one adds to the caller's ticket once. Callbacks of a call that
   * is not over yet (queued, ringing, in progress) are logged but hand nothing over.
   */
  async receiveTwilioVoice(
    channelId: string,
    signature: string | undefined,
    rawBody: Buffer,
    at: { path: string; requestUrl: string },
  ): Promise<WebhookAcceptedView> {
    const { channelId: id, params } = await this.twilioForm(channelId, signature, rawBody, at);
    const parsed = parseTwilioCallback(params);
    if (!parsed.ok) throw DomainError.validation(parsed.errors);
    const { callback } = parsed;
    return this.store(id, `${callback.callSid}:${callback.kind}`, callback.from, rawBody, (inboundId, receivedAt) =>
      callback.pending ? null : twilioCallbackReceived(inboundId, id, callback, receivedAt),
    );
  }

  /** A Twilio webhook's channel and form: 404 not an active Twilio channel, 413 too large, 403 signature missing or wrong. */
  private async twilioForm(
    channelId: string,
    signature: string | undefined,
    rawBody: Buffer,
    at: { path: string; requestUrl: string },
  ): Promise<{ channelId: string; params: FormParams }> {
    const channel = await this.channels.credentials(channelId);
    if (!channel || channel.type !== ChannelType.Twilio || !channel.active) {
      throw new DomainError(ErrorCode.NotFound, `No active Twilio channel ${channelId}`, { resource: 'Channel', id: channelId });
    }
    if (rawBody.length > WEBHOOK_MAX_BODY_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `A webhook body may have at most ${WEBHOOK_MAX_BODY_BYTES} bytes`);
    }
    const params = parseForm(rawBody);
    const url = signedUrl(this.config.publicBaseUrl, at.path, at.requestUrl);
    const problem = channel.secret ? verifyTwilioSignature({ header: signature, authToken: channel.secret, url, params }) : 'mismatch';
    if (problem) {
      this.logger.warn({ channelId, problem, url }, 'Twilio webhook refused: bad signature');
      throw new DomainError(
        ErrorCode.Forbidden,
        problem === 'missing' ? 'X-Twilio-Signature is missing' : `X-Twilio-Signature does not match this request (signed URL: ${url})`,
        { reason: problem },
      );
    }
    return { channelId: channel.id, params };
  }

  /** Logs a message once per (channel, provider message id) with its event (if any) in the same transaction; a repeat is a duplicate. */
  private store(
    channelId: string,
    providerMessageId: string,
    conversationId: string,
    rawBody: Buffer,
    event: (id: string, receivedAt: Date) => ChannelMessageReceivedV1 | null,
  ): Promise<WebhookAcceptedView> {
    return this.writer.write({ channelId, providerMessageId, conversationId, rawBody, event });
  }
}

function signatureMessage(problem: string): string {
  switch (problem) {
    case 'missing':
      return 'X-Helpdesk-Signature is missing';
    case 'malformed':
      return 'X-Helpdesk-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256>';
    case 'stale':
      return `The signature's timestamp is more than ${WEBHOOK_SIGNATURE_TOLERANCE_SECONDS} seconds away from now`;
    default:
      return 'The signature does not match the body';
  }
}
