import { ChannelMessageReceivedV1, ChannelType, ChatWebhookMessageDto, FieldError } from '@helpdesk/contracts';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '@helpdesk/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** A chat webhook body, parsed and checked: the message, or what is wrong with it (per field, or the JSON itself). */
export type ParsedChatMessage = { ok: true; message: ChatWebhookMessageDto } | { ok: false; errors: FieldError[] };

/** Parses and validates a chat webhook's raw body with the contract's DTO (unknown fields are refused, as at every boundary). */
export function parseChatMessage(rawBody: Buffer): ParsedChatMessage {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, errors: [{ field: 'body', message: 'must be valid JSON' }] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  }
  // PostgreSQL text and jsonb cannot hold U+0000: refuse it here rather than fail on storing.
  if (containsNul(json)) return { ok: false, errors: [{ field: 'body', message: 'must not contain NUL characters' }] };
  const message = plainToInstance(ChatWebhookMessageDto, json);
  const errors = validateSync(message, {
    whitelist: VALIDATION_OPTIONS.whitelist,
    forbidNonWhitelisted: VALIDATION_OPTIONS.forbidNonWhitelisted,
    validationError: { target: false, value: false },
  });
  return errors.length ? { ok: false, errors: flattenValidationErrors(errors) } : { ok: true, message };
}

/** The event data handed to ticket-service for a stored chat message. */
export function chatMessageReceived(
  inboundId: string,
  channelId: string,
  message: ChatWebhookMessageDto,
  receivedAt: Date,
): ChannelMessageReceivedV1 {
  return {
    inboundId,
    channelId,
    channelType: ChannelType.Chat,
    providerMessageId: message.messageId,
    conversationId: message.conversationId,
    from: { id: message.from.id, name: message.from.name, email: message.from.email?.toLowerCase() ?? null },
    text: message.text,
    attachments: (message.attachments ?? []).map((a) => ({ url: a.url, name: a.name ?? null, contentType: a.contentType ?? null })),
    sentAt: new Date(message.sentAt).toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}
