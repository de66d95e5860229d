import { createTransport, Transporter } from 'nodemailer';
import { DeliveryResult, DeliveryTransport, OutboundMessage } from '../../outbound/delivery-transport';
import { OutboundMail } from './outbound-mail';
import { AttachmentFetcher } from './ticket-attachments';

/**
 * Sends an email channel's deliveries over SMTP (nodemailer, to SMTP_URL, a connection per mail): the delivery's payload is the finished mail, so a retry sends the same Message-ID. A
 * 2xx SMTP reply delivers; a refusal or a timeout is a failed try the engine retries. The SMTP reply
 * code stands in the status code column of the delivery log.
 */
export class SmtpTransport implements DeliveryTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly fetchAttachment: AttachmentFetcher,
  ) {
    this.transporter = createTransport(smtpUrl);
  }

  async send(message: OutboundMessage, options: { timeoutMs: number }): Promise<DeliveryResult> {
    const started = performance.now();
    const mail = message.payload as OutboundMail;
    const done = (ok: boolean, statusCode: number | null, error: string | null): DeliveryResult => ({
      ok,
      statusCode,
      error,
      durationMs: performance.now() - started,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      // Read at each try: a mail stays small in the delivery log, and an attachment since deleted fails the try.
      const attachments = await Promise.all(
        (mail.attachments ?? []).map(async (a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: await this.fetchAttachment(a.ticketId, a.id),
        })),
      );
      const sending = this.transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.references.length ? mail.references : undefined,
        headers: mail.headers,
        attachments,
      }) as Promise<{ response?: string; rejected?: unknown[] }>;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no SMTP answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      });
      const info = await Promise.race([sending, timeout]);
      const code = smtpCode(info.response);
      if (info.rejected?.length) return done(false, code, `rejected: ${info.rejected.map(String).join(', ')}`);
      return done(true, code ?? 250, null);
    } catch (error) {
      const failure = error as { responseCode?: number; message?: string };
      return done(false, failure.responseCode ?? null, String(failure.message ?? error).slice(0, 1000));
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The code of an SMTP reply line (`250 2.0.0 OK`), or null. */
export function smtpCode(response: string | undefined): number | null {
  const match = /^(\d{3})\b/.exec(response ?? '');
  return match ? Number(match[1]) : null;
}
