import { randomUUID } from 'node:crypto';
import {
  ChannelMessageReceivedV1,
  ChannelType,
  ErrorCode,
  EVENTS,
  WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  WebhookAcceptedView,
} from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows, UnitOfWork, verifySignature } from '@helpdesk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../config/channel-gateway.config';
import { FormParams, parseForm, signedUrl, verifyTwilioSignature } from '../webhooks/twilio-signature';
import { chatMessageReceived, parseChatMessage } from './chat-message';
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

  constructor(
    private readonly channels: ChannelsService,
    private readonly uow: UnitOfWork,
    @Inject(CHANNEL_GATEWAY_CONFIG) private readonly config: ChannelGatewayConfig,
  ) {}

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
    return this.uow.run(async (tx) => {
      const receivedAt = currentTime();
      const id = randomUUID();
      const data = event(id, receivedAt);
      const inserted = await sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO "channel"."inbound_messages" (id, channel_id, provider_message_id, conversation_id, raw_body, received_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (channel_id, provider_message_id) DO NOTHING RETURNING id`,
        [id, channelId, providerMessageId, conversationId, rawBody.toString('utf8'), receivedAt, data ? 'handed_over' : 'logged'],
      );
      if (!inserted.length) {
        const [existing] = await sqlRows<{ id: string }>(
          tx.manager,
          `SELECT id FROM "channel"."inbound_messages" WHERE channel_id = $1 AND provider_message_id = $2`,
          [channelId, providerMessageId],
        );
        return { received: true, duplicate: true, id: existing.id };
      }
      if (data) tx.emit<ChannelMessageReceivedV1>(EVENTS.channel.messageReceived, `${channelId}:${conversationId}`, data);
      return { received: true, duplicate: false, id };
    });
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
