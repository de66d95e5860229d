import { randomBytes } from 'node:crypto';

/**
 * Message-IDs: normalizing what mail clients send, and the helpdesk's own, which carry the ticket
 * and the instance marker so that a reply threads without a lookup and a mail the helpdesk sent
 * itself is recognized when it comes back (loops).
 */

/** `<Local@Domain>` lower-cased, or null when the value holds no message id. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /<([^<>\s]+)>/.exec(value) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(value);
  if (!match || match[1].length > 990) return null;
  return `<${match[1].toLowerCase()}>`;
}

/** Every message id of a `References`/`In-Reply-To` value, in order, without repeats. */
export function messageIdList(value: string | string[] | null | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids: string[] = [];
  for (const match of text.matchAll(/<[^<>\s]+>/g)) {
    const id = normalizeMessageId(match[0]);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

const UUID_HEX = /^[0-9a-f]{32}$/;

/** A new Message-ID for a mail about `ticketId`: `<hd.<ticket hex>.<random>.<instance>@<domain>>`. */
export function helpdeskMessageId(ticketId: string, instance: string, domain: string): string {
  const hex = ticketId.replace(/-/g, '').toLowerCase();
  if (!UUID_HEX.test(hex)) throw new RangeError(`not a ticket id: ${ticketId}`);
  return `<hd.${hex}.${randomBytes(6).toString('hex')}.${instance}@${domain.toLowerCase()}>`;
}

/** The ticket a Message-ID of this instance was sent for, or null for anyone else's (another instance's too). */
export function ticketOfHelpdeskMessageId(messageId: string, instance: string): string | null {
  const match = /^<hd\.([0-9a-f]{32})\.[0-9a-f]+\.([0-9a-z]+)@[^>]+>$/.exec(messageId.toLowerCase());
  if (!match || match[2] !== instance) return null;
  const hex = match[1];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
