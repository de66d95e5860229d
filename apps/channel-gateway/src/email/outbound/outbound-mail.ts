import { threadIndexFor } from '@helpdesk/contracts';
import { RenderedMail } from './email-templates';

/**
 * A mail ready for SMTP, as stored with its delivery (plain JSON): retries send the very same mail,
 * Message-ID included, so a receiver that got it twice sees one message.
 */
export interface OutboundMail {
  from: { name: string; address: string };
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  /** The ticket's attachments to attach, read from ticket-service when the mail is sent */
  attachments: MailAttachment[];
}

/** An attachment of the ticket that goes with a mail. */
export interface MailAttachment {
  ticketId: string;
  id: string;
  filename: string;
  contentType: string;
}

/** Where a mail sits in its ticket's thread. */
export interface MailThread {
  ticketId: string;
  /** The Message-IDs of the ticket's mails so far, oldest first (received and sent) */
  messageIds: string[];
  /** The mail this one answers (the requester's last one), when there is one */
  answering: string | null;
}

/** How many Message-IDs `References` carries: the thread's first and the latest ones. */
export const REFERENCES_KEPT = 10;

/**
 * The headers that make a mail thread and be recognized: its own Message-ID (carrying the ticket and
 * the instance), `In-Reply-To` the mail it answers, `References` the thread (its first mail and the
 * latest), `Thread-Index`/`Thread-Topic` for Outlook, `X-Helpdesk-Instance` for loop detection.
 * Automatic notifications say so (RFC 3834 `Auto-Submitted`, and Exchange's
 * `X-Auto-Response-Suppress`) so that out-of-office robots stay silent.
 */
export function composeMail(input: {
  rendered: RenderedMail;
  from: { name: string; address: string };
  to: string;
  messageId: string;
  thread: MailThread;
  instance: string;
  automatic: boolean;
  topic: string;
  sentAt: Date;
  attachments?: MailAttachment[];
}): OutboundMail {
  const { thread } = input;
  const ids = thread.messageIds.filter((id) => id !== input.messageId);
  const references = ids.length <= REFERENCES_KEPT ? ids : [ids[0], ...ids.slice(ids.length - (REFERENCES_KEPT - 1))];
  const inReplyTo = thread.answering ?? ids[ids.length - 1] ?? null;
  const headers: Record<string, string> = {
    'X-Helpdesk-Instance': input.instance,
    'Thread-Index': threadIndexFor(thread.ticketId, input.sentAt),
    'Thread-Topic': input.topic.replace(/[\r\n]+/g, ' ').slice(0, 255),
  };
  if (input.automatic) {
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
    headers['Precedence'] = 'auto_reply';
  }
  return {
    from: input.from,
    to: [input.to],
    subject: input.rendered.subject.replace(/[\r\n]+/g, ' '),
    text: input.rendered.text,
    html: input.rendered.html,
    messageId: input.messageId,
    inReplyTo,
    references,
    headers,
    attachments: input.attachments ?? [],
  };
}
