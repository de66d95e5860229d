import { Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { Mailbox } from './mailbox-settings';
import { normalizeMessageId } from './message-ids';

/** What a session does with the mail it finds. */
export interface MailboxIntake {
  /** The inbound log's verdict for these Message-IDs: whether each may be acknowledged (absent: not taken yet) */
  acknowledgeable(messageIds: string[]): Promise<Map<string, boolean>>;
  /** Takes a raw mail; answers whether it may be acknowledged now */
  take(source: Buffer): Promise<boolean>;
}

export interface CheckResult {
  taken: number;
  acknowledged: number;
  waiting: number;
}

/**
 * One IMAP connection to one mailbox (imapflow). A check looks at the messages still to import
 * (unseen ones; every one when imported mail is moved away), takes those the inbound log lacks,
 * and acknowledges — `\Seen` or moved — only those whose log entry is done, so a mail whose ticket
 * was not made yet stays in place and is looked at again. Between checks imapflow IDLEs where the
 * server supports it, and new mail (`exists`) asks for a check at once.
 */
export class MailboxSession {
  private client: ImapFlow | null = null;

  constructor(
    readonly mailbox: Mailbox,
    private readonly onNewMail: () => void,
    private readonly logger: Logger,
  ) {}

  async check(intake: MailboxIntake, batchSize: number): Promise<CheckResult> {
    const client = await this.connected();
    const lock = await client.getMailboxLock(this.mailbox.folder);
    try {
      const found = await client.search(this.mailbox.afterImport === 'move' ? { all: true } : { seen: false }, { uid: true });
      const uids = (found || []).slice(0, batchSize);
      if (!uids.length) return { taken: 0, acknowledged: 0, waiting: 0 };
      const messages = await client.fetchAll(uids.join(','), { uid: true, envelope: true }, { uid: true });
      const ids = new Map(messages.map((m) => [m.uid, normalizeMessageId(m.envelope?.messageId)]));
      const known = await intake.acknowledgeable([...ids.values()].filter((id): id is string => id !== null));
      const done: number[] = [];
      let taken = 0;
      for (const { uid } of messages) {
        const id = ids.get(uid);
        let ready = id ? known.get(id) : undefined;
        if (ready === undefined) {
          const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          if (!message || !message.source) continue;
          ready = await intake.take(message.source);
          taken += 1;
        }
        if (ready) done.push(uid);
      }
      if (done.length) await this.acknowledge(client, done);
      return { taken, acknowledged: done.length, waiting: messages.length - done.length };
    } finally {
      lock.release();
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.logout();
    } catch {
      client.close();
    }
  }

  private async acknowledge(client: ImapFlow, uids: number[]): Promise<void> {
    const range = uids.join(',');
    if (this.mailbox.afterImport === 'move' && this.mailbox.moveTo) {
      await client.messageMove(range, this.mailbox.moveTo, { uid: true });
    } else {
      await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    }
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    await this.close();
    const client = new ImapFlow({
      host: this.mailbox.host,
      port: this.mailbox.port,
      secure: this.mailbox.tls,
      auth: { user: this.mailbox.user, pass: this.mailbox.password },
      logger: false,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 5 * 60_000,
    });
    client.on('error', (error: Error) => this.logger.warn({ err: error, channelId: this.mailbox.channelId }, 'IMAP connection error'));
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    client.on('exists', () => this.onNewMail());
    await client.connect();
    this.client = client;
    return client;
  }
}
