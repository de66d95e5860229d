/**
 * Whether a mail was written by a person: the RFC 3834 and de-facto headers of auto-replies,
 * bounces and lists, the helpdesk's own mail coming back, and the admins' per-sender overrides.
 * Automated mail never opens a ticket and never gets an automatic reply.
 */

export type HeaderMap = ReadonlyMap<string, readonly string[]>;

export type MailVerdict =
  { kind: 'person' } | { kind: 'own'; reason: 'own_instance' | 'own_address' } | { kind: 'automated'; reason: AutomatedReason };

export type AutomatedReason =
  'sender_rule' | 'bounce' | 'auto_submitted' | 'autoreply' | 'precedence' | 'x_loop' | 'mailing_list' | 'null_return_path';

export interface MailFacts {
  headers: HeaderMap;
  /** The From address, lower-cased */
  from: string | null;
  /** Message-IDs this instance sent are recognized by the caller (`ownMessage`) */
  ownMessage: boolean;
}

export interface MailContext {
  instance: string;
  /** The helpdesk's own mailbox addresses, lower-cased */
  ownAddresses: ReadonlySet<string>;
  /** The admins' verdict for this sender, if any (`person` also for systems that mislabel human replies) */
  senderRule: 'person' | 'automated' | null;
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const AUTOMATED_PRECEDENCE = new Set(['bulk', 'junk', 'auto_reply', 'list']);

/** The verdict on one mail: the helpdesk's own first, then the sender rule, then the headers. */
export function classifyMail(mail: MailFacts, context: MailContext): MailVerdict {
  const instanceHeader = first(mail.headers, 'x-helpdesk-instance');
  if (mail.ownMessage || (instanceHeader && instanceHeader.trim().toLowerCase() === context.instance)) {
    return { kind: 'own', reason: 'own_instance' };
  }
  if (mail.from && context.ownAddresses.has(mail.from)) return { kind: 'own', reason: 'own_address' };
  if (context.senderRule === 'person') return { kind: 'person' };
  if (context.senderRule === 'automated') return { kind: 'automated', reason: 'sender_rule' };
  const reason = automatedReason(mail);
  return reason ? { kind: 'automated', reason } : { kind: 'person' };
}

function automatedReason(mail: MailFacts): AutomatedReason | null {
  const { headers } = mail;
  const contentType = first(headers, 'content-type') ?? '';
  if ((mail.from && BOUNCE_SENDER.test(mail.from)) || /^\s*multipart\/report\b/i.test(contentType)) return 'bounce';
  const autoSubmitted = first(headers, 'auto-submitted');
  if (autoSubmitted !== null && token(autoSubmitted) !== 'no') return 'auto_submitted';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'autoreply';
  const precedence = first(headers, 'precedence');
  if (precedence !== null && AUTOMATED_PRECEDENCE.has(token(precedence))) return 'precedence';
  if (headers.has('x-loop')) return 'x_loop';
  for (const name of headers.keys()) if (name.startsWith('list-')) return 'mailing_list';
  const returnPath = first(headers, 'return-path');
  if (returnPath !== null && /^\s*<\s*>\s*$/.test(returnPath)) return 'null_return_path';
  return null;
}

/** A header's first value, or null when absent. */
function first(headers: HeaderMap, name: string): string | null {
  const values = headers.get(name);
  return values && values.length ? values[0] : null;
}

/** A structured header's main token (`auto-replied; owner-email=...` → `auto-replied`). */
function token(value: string): string {
  return value
    .split(';')[0]
    .replace(/\(.*?\)/g, '')
    .trim()
    .toLowerCase();
}

/** Raw header lines (`Key: value`, possibly folded) as a map of lower-cased names to unfolded values. */
export function headerMap(lines: readonly { key: string; line: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), value]);
  }
  return map;
}
