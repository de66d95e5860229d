import { InboundEmailV1, threadIndexConversation, threadIndexTicketId } from '@helpdesk/contracts';

/** One way a mail may name its ticket, in the order they are tried. */
export type ThreadClue =
  | { kind: 'ticket_id'; ticketId: string; via: 'in_reply_to' | 'references' | 'thread_index' }
  | { kind: 'message_id'; messageId: string; via: 'in_reply_to' | 'references' }
  | { kind: 'thread_index'; conversation: string }
  | { kind: 'ticket_number'; number: string };

/**
 * How a mail finds its ticket: `In-Reply-To`, then each `References` entry from the newest — a
 * Message-ID the helpdesk sent names its ticket outright, any other is looked up among the ones it
 * received — then Outlook's `Thread-Index` (the ticket's own, or one a received mail started), then
 * the `[HD-000123]` token in the subject.
 */
export function threadClues(
  email: Pick<InboundEmailV1, 'inReplyTo' | 'references' | 'threadIndex' | 'subject' | 'helpdeskMessageTickets'>,
): ThreadClue[] {
  const clues: ThreadClue[] = [];
  const byId = (messageId: string, via: 'in_reply_to' | 'references'): ThreadClue => {
    const ticketId = email.helpdeskMessageTickets[messageId];
    return ticketId ? { kind: 'ticket_id', ticketId, via } : { kind: 'message_id', messageId, via };
  };
  if (email.inReplyTo) clues.push(byId(email.inReplyTo, 'in_reply_to'));
  for (const messageId of [...email.references].reverse()) {
    if (messageId !== email.inReplyTo) clues.push(byId(messageId, 'references'));
  }
  const conversation = threadIndexConversation(email.threadIndex);
  if (conversation) {
    clues.push({ kind: 'ticket_id', ticketId: threadIndexTicketId(conversation), via: 'thread_index' });
    clues.push({ kind: 'thread_index', conversation });
  }
  for (const number of subjectTicketNumbers(email.subject)) clues.push({ kind: 'ticket_number', number });
  return clues;
}

/** The ticket numbers in a subject's `[HD-000123]` tokens, in order. */
export function subjectTicketNumbers(subject: string): string[] {
  return [...subject.matchAll(/\[\s*(HD-\d{6,})\s*\]/gi)].map((m) => m[1].toUpperCase());
}

const SUBJECT_MAX = 250;
const REPLY_PREFIX = /^\s*((re|fw|fwd|rv|enc|aw|wg|tr|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/** A new ticket's subject from a mail's: without reply/forward prefixes (Re:, RE:, Fwd:, RV:, ...), tokens kept out, shortened. */
export function ticketSubjectFromEmail(subject: string, fallback: string): string {
  const cleaned = subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim() || fallback.trim() || '(no subject)';
  return cleaned.length > SUBJECT_MAX ? `${cleaned.slice(0, SUBJECT_MAX - 1).trimEnd()}…` : cleaned;
}
