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
import { currentTime, DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { verifySignature } from '../webhooks/webhook-signature';
import { chatMessageReceived, parseChatMessage } from './chat-message';

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
    return this.uow.run(async (tx) => {
      const receivedAt = currentTime();
      const id = randomUUID();
      const inserted = await sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO "channel"."inbound_messages" (id, channel_id, provider_message_id, conversation_id, raw_body, received_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (channel_id, provider_message_id) DO NOTHING RETURNING id`,
        [id, channel.id, message.messageId, message.conversationId, rawBody.toString('utf8'), receivedAt],
      );
      if (!inserted.length) {
        const [existing] = await sqlRows<{ id: string }>(
          tx.manager,
          `SELECT id FROM "channel"."inbound_messages" WHERE channel_id = $1 AND provider_message_id = $2`,
          [channel.id, message.messageId],
        );
        return { received: true, duplicate: true, id: existing.id };
      }
      tx.emit<ChannelMessageReceivedV1>(
        EVENTS.channel.messageReceived,
        `${channel.id}:${message.conversationId}`,
        chatMessageReceived(id, channel.id, message, receivedAt),
      );
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
