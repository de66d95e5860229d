import { Channel, ChannelMessageHandledV1, ChannelMessageReceivedV1, ChannelType, TicketStatus } from '@helpdesk/contracts';
import { createHash } from 'node:crypto';

/** What became of a channel message in ticket-service (channel-gateway records it: `channel.message.handled`). */
export interface IntakeOutcome {
  outcome: 'ticket' | 'comment' | 'ignored';
  ticketId: string | null;
  ticketNumber: string | null;
  commentId: string | null;
}

/** What goes back to channel-gateway (`channel.message.handled`) about a message, whichever path took it. */
export function messageHandled(
  message: Pick<ChannelMessageReceivedV1, 'inboundId' | 'channelId'>,
  outcome: IntakeOutcome,
  ticketSubject: string | null,
  requester: ChannelMessageHandledV1['requester'],
  handledAt: Date,
): ChannelMessageHandledV1 {
  return {
    inboundId: message.inboundId,
    channelId: message.channelId,
    ...outcome,
    ticketSubject,
    requester,
    handledAt: handledAt.toISOString(),
  };
}

/** What a channel message does: a comment on the conversation's ticket, or a new ticket. */
export type ConversationAction = { kind: 'comment'; ticketId: string } | { kind: 'new_ticket'; reason: 'first_message' | 'ticket_closed' };

/**
 * One conversation, one open ticket: a message of a conversation whose ticket is not closed is a
 * comment on it (the reply rules may reopen a solved or pending one); a conversation seen for the
 * first time, or whose ticket was closed (closed tickets are read-only), opens a new ticket.
 */
export function conversationAction(current: { ticketId: string; status: TicketStatus } | null): ConversationAction {
  if (!current) return { kind: 'new_ticket', reason: 'first_message' };
  if (current.status === TicketStatus.Closed) return { kind: 'new_ticket', reason: 'ticket_closed' };
  return { kind: 'comment', ticketId: current.ticketId };
}

const SUBJECT_MAX = 120;

/** The new ticket's subject (the message's first line, shortened) and description (the message with its attachment links). */
export function ticketContent(message: Pick<ChannelMessageReceivedV1, 'text' | 'attachments' | 'from'>): {
  subject: string;
  description: string;
} {
  const firstLine = message.text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line.length > 0);
  const line = firstLine ?? `Chat with ${message.from.name}`;
  const subject = line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1).trimEnd()}…` : line;
  return { subject, description: messageBody(message) };
}

/** The text of a comment or description: the message, then its attachments as links (files are not fetched in this slice). */
export function messageBody(message: Pick<ChannelMessageReceivedV1, 'text' | 'attachments'>): string {
  if (!message.attachments.length) return message.text;
  const links = message.attachments.map((a) => `- ${a.name ?? a.url}: ${a.url}`);
  return `${message.text}\n\nAttachments:\n${links.join('\n')}`;
}

/**
 * Who the requester is: the sender's email when the platform gives one (matched or created by the
 * directory), otherwise an address of the reserved `.invalid` domain (RFC 2606) made from the
 * channel and the sender's id, so the same chat visitor is the same requester every time.
 */
export function requesterRef(channelId: string, from: ChannelMessageReceivedV1['from']): { email: string; name: string } {
  if (from.email) return { email: from.email.trim().toLowerCase(), name: from.name };
  const digits = phoneDigits(from.phone);
  // A phone sender (SMS, calls) is the same person on every channel: its digits in the reserved domain.
  if (digits) return { email: `${digits}@phone.invalid`, name: from.name };
  const local = /^[a-z0-9._-]{1,64}$/i.test(from.id)
    ? from.id.toLowerCase()
    : createHash('sha256').update(from.id).digest('hex').slice(0, 32);
  return { email: `${local}@chat-${channelId.toLowerCase()}.invalid`, name: from.name };
}

/**
 * Which of a batch's messages may be taken side by side: each conversation's in its own lane, in
 * order. Email (threads join messages of different conversations, and one mail may reach two
 * mailboxes) and messages that only add to an existing ticket (found through the caller's phone,
 * across conversations) share one lane, in stream order, as they were before lanes.
 */
export function intakeLane(message: Pick<ChannelMessageReceivedV1, 'channelId' | 'conversationId' | 'email' | 'ticketPolicy'>): string {
  if (message.email || message.ticketPolicy === 'existing_only') return 'across-conversations';
  return `${message.channelId}:${message.conversationId}`;
}

/** The digits of a phone number (what matching by phone compares), or null when there are too few to be one. */
export function phoneDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 5 && digits.length <= 20 ? digits : null;
}

/** Where a channel's messages say a ticket came from. */
export function ticketChannel(message: Pick<ChannelMessageReceivedV1, 'channelType' | 'medium'>): Channel {
  if (message.channelType === ChannelType.Email) return Channel.Email;
  if (message.channelType === ChannelType.Cti) return Channel.Phone;
  if (message.channelType === ChannelType.Form) return Channel.Form;
  if (message.channelType !== ChannelType.Twilio) return Channel.Chat;
  return message.medium === 'voice' ? Channel.Phone : Channel.Sms;
}
