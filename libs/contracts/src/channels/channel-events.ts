import { EventEnvelope } from '../events/event-envelope';
import { EVENTS } from '../subjects';
import { ChannelType } from './channel.dto';

/** A message stored in channel-gateway's inbound log, handed to ticket-service (once per message id and channel). */
export interface ChannelMessageReceivedV1 {
  /** The inbound log entry */
  inboundId: string;
  channelId: string;
  channelType: ChannelType;
  /** What kind of message a Twilio channel's is: an SMS (the default) or a voice call's callback (CTI messages are always voice) */
  medium?: 'sms' | 'voice';
  providerMessageId: string;
  conversationId: string;
  /** `phone`: the sender's number (E.164 as the provider gives it) for SMS and calls, absent for chat */
  from: { id: string; name: string; email: string | null; phone?: string | null };
  text: string;
  attachments: { url: string; name: string | null; contentType: string | null }[];
  sentAt: string;
  receivedAt: string;
  /** Present for email channels: what threading and the ticket need beyond the text */
  email?: InboundEmailV1;
  /**
   * Optional ticket policy (absent: one conversation, one open ticket). `new`: always a new ticket
   * (a missed call's callback, a web form submission); `existing_only`: a comment on the
   * conversation's (or the sender's) open ticket, or nothing at all (an outbound call).
   */
  ticketPolicy?: 'conversation' | 'new' | 'existing_only';
  /** Tags for a ticket this message opens (lower-case, as the API takes them), e.g. `callback` */
  tags?: string[];
  /** A subject for a ticket this message opens (default: the text's first line) */
  subject?: string;
  /** Priority and team for a ticket this message opens (a form channel's defaults) */
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  teamId?: string;
}

/** An email's own facts, as channel-gateway parsed them from the raw message. */
export interface InboundEmailV1 {
  /** Normalized `<local@domain>`, lower-cased */
  messageId: string;
  inReplyTo: string | null;
  /** Oldest first, as in the header */
  references: string[];
  /** Outlook's `Thread-Index`, base64 as received */
  threadIndex: string | null;
  /** Decoded (MIME encoded-words already resolved) */
  subject: string;
  /** Addresses, lower-cased, without the helpdesk's own mailboxes */
  to: string[];
  cc: string[];
  /** The HTML part, sanitized (no scripts, no event handlers, inline images pointing at their stored copies) */
  html: string | null;
  /**
   * Message-IDs among In-Reply-To and References that the helpdesk itself sent (they carry its
   * instance marker), with the ticket each was sent for: threading by them needs no lookup.
   */
  helpdeskMessageTickets: Record<string, string>;
  /** Why the mail counts as automated (an auto-reply, a bounce, a list...), or null for a person's mail: never a new ticket */
  automated: string | null;
  /** The mail's attachments and inline images, kept by channel-gateway until ticket-service copies them to the ticket */
  files: { id: string; filename: string; contentType: string; size: number; contentId: string | null; inline: boolean }[];
}

/** What became of an inbound message in ticket-service: channel-gateway records it (and acknowledges a mail only then). */
export interface ChannelMessageHandledV1 {
  inboundId: string;
  channelId: string;
  /** ticket: it opened one; comment: a reply (or a note, for automated mail) on one; ignored: nothing was made of it */
  outcome: 'ticket' | 'comment' | 'ignored';
  ticketId: string | null;
  ticketNumber: string | null;
  /** The ticket's subject (absent from publishers before it was added) */
  ticketSubject?: string | null;
  commentId: string | null;
  /** Who the sender became (null when ignored) */
  requester: { id: string; email: string; name: string; locale: string } | null;
  handledAt: string;
}

/**
 * What became of several inbound messages that ticket-service took together (the plain comments of
 * one batch, committed in one transaction): one event instead of one per message, so that a busy
 * chat's messages cost one bus message each on the way back rather than two. channel-gateway treats
 * each entry as it treats a `channel.message.handled`.
 */
export interface ChannelMessagesHandledV1 {
  messages: ChannelMessageHandledV1[];
}

export type ChannelMessageReceivedEvent = EventEnvelope<ChannelMessageReceivedV1, typeof EVENTS.channel.messageReceived>;

export type ChannelMessageHandledEvent = EventEnvelope<ChannelMessageHandledV1, typeof EVENTS.channel.messageHandled>;

export type ChannelMessagesHandledEvent = EventEnvelope<ChannelMessagesHandledV1, typeof EVENTS.channel.messagesHandled>;

/**
 * A public staff reply on a ticket that came in through a channel, to go back out on that channel
 * (emitted by ticket-service through its outbox; channel-gateway sends it). Emitted for every channel
 * type, email included: channel-gateway picks the delivery transport by the type (HTTP for chat and
 * Twilio channels with an `outboundUrl`; email is the SMTP transport's). Never emitted for internal
 * notes, automatic notices, or comments that themselves arrived from the channel.
 */
export interface ChannelReplyRequestedV1 {
  ticketId: string;
  /** HD-000123 */
  ticketNumber: string;
  commentId: string;
  channelId: string;
  /** The channel's type as recorded with the conversation; null for conversations recorded before it was kept (channel-gateway then goes by the channel) */
  channelType: ChannelType | null;
  /** The conversation (chat conversation id, phone number, email thread) the ticket is on */
  conversationId: string;
  /** The reply as plain text */
  text: string;
  /** The reply's sanitized HTML, when it has one */
  html?: string | null;
  author: { id: string; name: string };
  requester: { id: string; name: string; email: string; phone: string | null; locale: string };
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  /** The ticket's subject */
  subject: string;
  createdAt: string;
}

export type ChannelReplyRequestedEvent = EventEnvelope<ChannelReplyRequestedV1, typeof EVENTS.channel.replyRequested>;
