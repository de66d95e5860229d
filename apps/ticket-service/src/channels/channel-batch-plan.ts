import { ChannelMessageReceivedV1, TicketStatus } from '@helpdesk/contracts';
import { reopensOnRequesterReply } from '../tickets/ticket-fields';
import { conversationAction, phoneDigits, requesterRef } from './channel-messages';

/** A conversation's ticket as the batch reads it (locked). */
export interface BatchConversation {
  ticketId: string;
  number: string;
  subject: string;
  status: TicketStatus;
  requesterId: string;
  channelType: string | null;
}

/** A sender already in the directory. */
export interface BatchSender {
  id: string;
  name: string;
  email: string;
  locale: string;
}

/** Where a message's conversation and sender are looked up. */
export function conversationKey(message: Pick<ChannelMessageReceivedV1, 'channelId' | 'conversationId'>): string {
  return `${message.channelId}\u0000${message.conversationId}`;
}

export function senderKey(message: Pick<ChannelMessageReceivedV1, 'channelId' | 'from'>): string {
  return requesterRef(message.channelId, message.from).email;
}

/**
 * Whether a message could be taken in a batch at all, before anything is read: a chat-like message
 * (no email, which threads by headers; no phone sender, matched by number; no ticket policy other
 * than the conversation's).
 */
export function mayBatch(message: ChannelMessageReceivedV1): boolean {
  if (message.email) return false;
  if (message.ticketPolicy && message.ticketPolicy !== 'conversation') return false;
  return Boolean(message.from.email) || !phoneDigits(message.from.phone);
}

/**
 * Which messages of a batch are plain comments, taken together in one transaction, and which go
 * one by one through the full intake (new tickets, reopening replies, new requesters, email,
 * phone): a comment needs a conversation whose ticket takes a comment without reopening, and a
 * sender already known. Once a message of a conversation goes one by one, so do the later ones of
 * that conversation in the batch: they follow it (the comments go first, so order is kept).
 */
export function planChannelBatch<E extends { data: ChannelMessageReceivedV1 }>(
  events: readonly E[],
  conversations: ReadonlyMap<string, BatchConversation>,
  senders: ReadonlyMap<string, BatchSender>,
): { comments: { event: E; conversation: BatchConversation; sender: BatchSender }[]; oneByOne: E[] } {
  const comments: { event: E; conversation: BatchConversation; sender: BatchSender }[] = [];
  const oneByOne: E[] = [];
  const waiting = new Set<string>();
  for (const event of events) {
    const key = conversationKey(event.data);
    const conversation = conversations.get(key);
    const sender = senders.get(senderKey(event.data));
    if (!waiting.has(key) && mayBatch(event.data) && conversation && sender && takesPlainComment(conversation, sender)) {
      comments.push({ event, conversation, sender });
    } else {
      waiting.add(key);
      oneByOne.push(event);
    }
  }
  return { comments, oneByOne };
}

/** A comment the full intake would add without anything else: the ticket is not closed, and the reply does not reopen it. */
function takesPlainComment(conversation: BatchConversation, sender: BatchSender): boolean {
  if (!conversation.channelType) return false;
  const action = conversationAction({ ticketId: conversation.ticketId, status: conversation.status });
  if (action.kind !== 'comment') return false;
  return !(sender.id === conversation.requesterId && reopensOnRequesterReply(conversation.status));
}
