import { createHash } from 'node:crypto';
import { convert as htmlToText } from 'html-to-text';
import { AddressObject, simpleParser } from 'mailparser';
import { HeaderMap, headerMap } from './automated-mail';
import { sanitizeEmailHtml } from './email-html';
import { messageIdList, normalizeMessageId } from './message-ids';

/** How much of a mail is kept: larger attachments are left out (the raw message keeps them). */
export interface EmailLimits {
  maxAttachmentBytes: number;
  maxAttachments: number;
}

export interface EmailFile {
  filename: string;
  contentType: string;
  size: number;
  /** `<cid>` without brackets, lower-cased, for inline images the HTML points at */
  contentId: string | null;
  inline: boolean;
  content: Buffer;
}

/** A mail as the helpdesk uses it, parsed from its raw RFC 5322 source. */
export interface ParsedEmail {
  /** Normalized; a hash of the source when the mail has none */
  messageId: string;
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  subject: string;
  inReplyTo: string | null;
  references: string[];
  threadIndex: string | null;
  headers: HeaderMap;
  text: string;
  html: string | null;
  files: EmailFile[];
  /** Attachments left out for the limits */
  skipped: { filename: string; size: number }[];
  sentAt: Date | null;
}

/** The most text a comment holds (the ticket API's limit); a longer mail is cut with a note. */
export const EMAIL_TEXT_MAX_CHARS = 65_536;
const TRUNCATED_NOTE = '\n\n[…]';

/** Parses a raw mail (mailparser): addresses lower-cased, ids normalized, HTML sanitized, files within the limits. */
export async function parseEmail(source: Buffer, limits: EmailLimits): Promise<ParsedEmail> {
  const mail = await simpleParser(source, { keepCidLinks: true, skipTextToHtml: true });
  const headers = headerMap(mail.headerLines);
  const files: EmailFile[] = [];
  const skipped: ParsedEmail['skipped'] = [];
  for (const [i, attachment] of mail.attachments.entries()) {
    const filename = attachment.filename?.trim() || `attachment-${i + 1}`;
    if (attachment.size > limits.maxAttachmentBytes || files.length >= limits.maxAttachments) {
      skipped.push({ filename, size: attachment.size });
      continue;
    }
    files.push({
      filename,
      contentType: attachment.contentType || 'application/octet-stream',
      size: attachment.content.length,
      contentId: attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '').toLowerCase() : null,
      inline: attachment.contentDisposition === 'inline' || Boolean(attachment.related),
      content: attachment.content,
    });
  }
  const html = typeof mail.html === 'string' && mail.html.trim() ? sanitizeEmailHtml(mail.html) : null;
  const text = mail.text?.trim() ? mail.text : html ? htmlToText(mail.html as string, { wordwrap: false }) : '';
  const from = addresses(mail.from)[0] ?? null;
  return {
    messageId: normalizeMessageId(mail.messageId) ?? `<${createHash('sha256').update(source).digest('hex')}@hash.invalid>`,
    from,
    to: addresses(mail.to).map((a) => a.address),
    cc: addresses(mail.cc).map((a) => a.address),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    inReplyTo: messageIdList(mail.inReplyTo)[0] ?? null,
    references: messageIdList(mail.references),
    threadIndex: headers.get('thread-index')?.[0] ?? null,
    headers,
    text: limitText(stripReplyMarker(text).trim()),
    html,
    files,
    skipped,
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
  };
}

/** The line the helpdesk puts above quoted history in its mails; what follows it in a reply is dropped. */
export const REPLY_MARKER = '##- ↑ ##';

/** A reply's own text: everything above the helpdesk's reply marker (the quoted history below it is not repeated). */
export function stripReplyMarker(text: string): string {
  const at = text.indexOf(REPLY_MARKER);
  if (at < 0) return text;
  // Drop the quoting prefix ("> ") left on the marker's line.
  return text.slice(0, at).replace(/[>\s]*$/, '');
}

function limitText(text: string): string {
  return text.length <= EMAIL_TEXT_MAX_CHARS ? text : text.slice(0, EMAIL_TEXT_MAX_CHARS - TRUNCATED_NOTE.length) + TRUNCATED_NOTE;
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const list: { address: string; name: string }[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address && /^[^@\s]+@[^@\s]+$/.test(entry.address)) {
        list.push({ address: entry.address.toLowerCase(), name: entry.name?.trim() || '' });
      }
    }
  };
  for (const object of objects) visit(object.value);
  return list;
}
