import { ChannelMessageReceivedV1, ChannelType, ChatWebhookMessageDto, FieldError } from '@helpdesk/contracts';
import { jsonObjectBody, validatedBody } from './webhook-body';

/** A chat webhook body, parsed and checked: the message, or what is wrong with it (per field, or the JSON itself). */
export type ParsedChatMessage = { ok: true; message: ChatWebhookMessageDto } | { ok: false; errors: FieldError[] };

/** Parses and validates a chat webhook's raw body with the contract's DTO (unknown fields are refused, as at every boundary). */
export function parseChatMessage(rawBody: Buffer): ParsedChatMessage {
  const json = jsonObjectBody(rawBody);
  if (!json.ok) return json;
  const checked = validatedBody(ChatWebhookMessageDto, json.value);
  return checked.ok ? { ok: true, message: checked.value } : checked;
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
