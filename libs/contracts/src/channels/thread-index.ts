/**
 * Outlook's `Thread-Index` header, which names a conversation: its first 22 bytes stay the same in
 * every reply. The helpdesk makes a ticket's from the ticket's id, so the id can be read back.
 */

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * Outlook's `Thread-Index` for a ticket's mails: 22 bytes, a one-byte version, five of the time and
 * the ticket's 16-byte id as the conversation GUID. Outlook keeps these 22 bytes in every reply
 * (appending five per step), so even a reply whose other headers it rewrote names its ticket.
 */
export function threadIndexFor(ticketId: string, sentAt: Date): string {
  const hex = ticketId.replace(/-/g, '');
  if (!UUID_HEX.test(hex)) throw new RangeError(`not a ticket id: ${ticketId}`);
  const header = Buffer.alloc(6);
  header[0] = 0x01;
  // FILETIME (100 ns since 1601) shifted as Outlook does: the six high bytes, the first being the version.
  const filetime = (BigInt(sentAt.getTime()) + 11_644_473_600_000n) * 10_000n;
  const high = filetime >> 16n;
  for (let i = 5; i >= 1; i -= 1) header[i] = Number((high >> BigInt((5 - i) * 8)) & 0xffn);
  return Buffer.concat([header, Buffer.from(hex, 'hex')]).toString('base64');
}

/** The conversation part of a `Thread-Index` (its first 22 bytes, hex), or null when it is not one. */
export function threadIndexConversation(value: string | null | undefined): string | null {
  if (!value) return null;
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length < 22 || (bytes.length - 22) % 5 !== 0) return null;
  return bytes.subarray(0, 22).toString('hex');
}

/** The ticket a conversation (from `threadIndexConversation`) names if the helpdesk made it, as a uuid; otherwise a foreign GUID. */
export function threadIndexTicketId(conversation: string): string {
  const hex = conversation.slice(12, 44);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
