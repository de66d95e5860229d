import { ChannelMessageReceivedV1, ChannelType, FieldError, WebFormDto } from '@helpdesk/contracts';
import { jsonObjectBody, validatedBody } from './webhook-body';
import { parseForm } from '../webhooks/twilio-signature';

export type ParsedWebForm = { ok: true; form: WebFormDto } | { ok: false; errors: FieldError[] };

/** Parses a web form submission (JSON, or application/x-www-form-urlencoded) and checks it field by field. */
export function parseWebForm(rawBody: Buffer, contentType: string): ParsedWebForm {
  let fields: object;
  if (/^application\/json\b/i.test(contentType)) {
    const json = jsonObjectBody(rawBody);
    if (!json.ok) return json;
    fields = json.value;
  } else {
    const params = parseForm(rawBody);
    const repeated = Object.keys(params).filter((name) => Array.isArray(params[name]));
    if (repeated.length) return { ok: false, errors: repeated.map((field) => ({ field, message: `${field} must be given once` })) };
    fields = params;
  }
  const checked = validatedBody(WebFormDto, fields);
  return checked.ok ? { ok: true, form: checked.value } : checked;
}

/** A filled honeypot (`website`): a bot. It is answered as a person would be, and nothing is made. */
export function isBot(form: WebFormDto): boolean {
  return typeof form.website === 'string' && form.website.trim().length > 0;
}

/** The inbound log's message id of a submission: the page's Idempotency-Key (a double submit is one), else a fresh one. */
export function formMessageId(idempotencyKey: string | undefined, fresh: string): string {
  return idempotencyKey ? `key:${idempotencyKey}` : `submission:${fresh}`;
}

/** The event for a stored submission: always a new ticket, whose requester is the email given. */
export function webFormReceived(
  inboundId: string,
  channelId: string,
  providerMessageId: string,
  form: WebFormDto,
  defaults: { priority?: ChannelMessageReceivedV1['priority']; teamId?: string },
  receivedAt: Date,
): ChannelMessageReceivedV1 {
  return {
    inboundId,
    channelId,
    channelType: ChannelType.Form,
    providerMessageId,
    conversationId: providerMessageId,
    from: { id: form.email.toLowerCase(), name: form.name.trim(), email: form.email.toLowerCase() },
    text: form.message,
    subject: form.subject.trim(),
    attachments: [],
    sentAt: receivedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    ticketPolicy: 'new',
    ...(defaults.priority ? { priority: defaults.priority } : {}),
    ...(defaults.teamId ? { teamId: defaults.teamId } : {}),
  };
}

/**
 * Submissions per client address in a sliding minute: `hit` counts one and says how many seconds to
 * wait when the limit is reached. In memory, per process (one channel-gateway, or the standalone suite).
 */
export class FormRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  hit(key: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const windowStart = now - 60_000;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > windowStart);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + 60_000 - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(windowStart);
    return { allowed: true };
  }

  private prune(windowStart: number): void {
    for (const [key, list] of this.hits) if (!list.some((at) => at > windowStart)) this.hits.delete(key);
  }
}
