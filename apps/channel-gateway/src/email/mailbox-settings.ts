/** An email channel as the mailbox reader needs it: where to log in, what to read, what to do after import. */
export interface Mailbox {
  channelId: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  afterImport: 'seen' | 'move';
  moveTo: string | null;
  /** The mailbox's own address (replies go out from it; it is never a requester) */
  address: string | null;
}

/** The mailbox of a stored email channel (settings already validated when saved). */
export function mailboxOf(row: { id: string; settings: Record<string, unknown>; secret: string | null }): Mailbox {
  const s = row.settings;
  const user = String(s.user);
  const address = typeof s.address === 'string' ? s.address : user.includes('@') ? user : null;
  return {
    channelId: row.id,
    host: String(s.host),
    port: Number(s.port),
    tls: s.tls === true,
    user,
    password: row.secret ?? '',
    folder: typeof s.folder === 'string' ? s.folder : 'INBOX',
    afterImport: s.afterImport === 'move' ? 'move' : 'seen',
    moveTo: typeof s.moveTo === 'string' ? s.moveTo : null,
    address: address ? address.toLowerCase() : null,
  };
}

/** What identifies a session: a change of any of these restarts it. */
export function mailboxFingerprint(mailbox: Mailbox): string {
  return JSON.stringify(mailbox);
}
