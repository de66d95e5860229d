import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort, waitFor } from './free-port';

/** A mail the receiver accepted: its SMTP envelope, raw source and parsed form. */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  header(name: string): string | null;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), the helpdesk's outbound relay in the
 * tests: it keeps every accepted mail, and can refuse the next ones with a temporary error to show
 * that deliveries are retried.
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  /** Attempts refused so far */
  refused = 0;
  private refuseNext = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<SmtpReceiver> {
    const port = await freePort();
    const holder: { receiver?: SmtpReceiver } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const self = holder.receiver!;
          if (self.refuseNext > 0) {
            self.refuseNext -= 1;
            self.refused += 1;
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              self.mails.push({
                envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
                raw,
                parsed,
                header: (name) => {
                  const value = parsed.headers.get(name.toLowerCase());
                  return value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
                },
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    holder.receiver = new SmtpReceiver(server, port);
    return holder.receiver;
  }

  /** Refuses the next `count` mails with `451` (a temporary failure). */
  refuse(count: number): void {
    this.refuseNext = count;
  }

  /** The mails to `address` so far. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  /** Waits for at least `count` mails to `address` matching `which`. */
  waitFor(address: string, count = 1, which: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 30_000): Promise<ReceivedMail[]> {
    return waitFor(
      `${count} mail(s) to ${address}`,
      () => {
        const found = this.to(address).filter(which);
        return Promise.resolve(found.length >= count ? found : undefined);
      },
      timeoutMs,
      100,
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
