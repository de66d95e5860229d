import { ChannelMessageReceivedV1, ChannelType, FieldError } from '@helpdesk/contracts';
import { FormParams } from '../webhooks/twilio-signature';

/** An SMS as Twilio posts it (the fields the helpdesk uses; Twilio sends more, which are signed but ignored). */
export interface TwilioSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  media: { url: string; contentType: string | null }[];
}

export type ParsedTwilioSms = { ok: true; sms: TwilioSms } | { ok: false; errors: FieldError[] };

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
/** E.164 as Twilio sends it, or a short code / alphanumeric sender id. */
const ADDRESS = /^(\+[1-9]\d{1,14}|[A-Za-z0-9 ]{1,20})$/;
const MAX_MEDIA = 10;
const BODY_MAX = 65536;

/** Checks an SMS webhook's form: MessageSid, From and To are required; Body may be empty when media came; NumMedia says how many MediaUrlN. */
export function parseTwilioSms(params: FormParams): ParsedTwilioSms {
  const errors: FieldError[] = [];
  const one = (name: string): string | undefined => {
    const value = params[name];
    if (Array.isArray(value)) {
      errors.push({ field: name, message: `${name} must be given once` });
      return undefined;
    }
    if (value?.includes('\u0000')) {
      errors.push({ field: name, message: `${name} must not contain NUL characters` });
      return undefined;
    }
    return value;
  };
  const messageSid = one('MessageSid') ?? one('SmsMessageSid');
  const from = one('From');
  const to = one('To');
  const body = one('Body') ?? '';
  const numMediaRaw = one('NumMedia') ?? '0';
  if (!messageSid || !SID.test(messageSid))
    errors.push({ field: 'MessageSid', message: 'MessageSid must be a Twilio SID (two letters and 32 hex digits)' });
  if (!from || !ADDRESS.test(from)) errors.push({ field: 'From', message: 'From must be a phone number in E.164 form or a sender id' });
  if (!to || !ADDRESS.test(to)) errors.push({ field: 'To', message: 'To must be a phone number in E.164 form or a sender id' });
  if (body.length > BODY_MAX) errors.push({ field: 'Body', message: `Body must have at most ${BODY_MAX} characters` });
  const numMedia = /^\d{1,2}$/.test(numMediaRaw) ? Number(numMediaRaw) : NaN;
  if (!Number.isInteger(numMedia) || numMedia > MAX_MEDIA) {
    errors.push({ field: 'NumMedia', message: `NumMedia must be a whole number from 0 to ${MAX_MEDIA}` });
  }
  const media: TwilioSms['media'] = [];
  for (let i = 0; Number.isInteger(numMedia) && i < Math.min(numMedia, MAX_MEDIA); i++) {
    const url = one(`MediaUrl${i}`);
    if (!url || !/^https?:\/\/\S{1,2000}$/.test(url)) {
      errors.push({ field: `MediaUrl${i}`, message: `MediaUrl${i} must be an http(s) URL (NumMedia is ${numMedia})` });
      continue;
    }
    media.push({ url, contentType: one(`MediaContentType${i}`) ?? null });
  }
  if (!errors.length && !body.trim() && !media.length) errors.push({ field: 'Body', message: 'Body must not be empty when no media came' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, sms: { messageSid: messageSid!, from: from!, to: to!, body, media } };
}

/**
 * The event data for a stored SMS: the conversation is the sender's number on this channel, the
 * sender is known by that number (ticket-service matches it to a user's phone).
 */
export function twilioSmsReceived(inboundId: string, channelId: string, sms: TwilioSms, receivedAt: Date): ChannelMessageReceivedV1 {
  return {
    inboundId,
    channelId,
    channelType: ChannelType.Twilio,
    medium: 'sms',
    providerMessageId: sms.messageSid,
    conversationId: sms.from,
    from: { id: sms.from, name: sms.from, email: null, phone: sms.from },
    text: sms.body,
    attachments: sms.media.map((m, i) => ({ url: m.url, name: `media-${i + 1}`, contentType: m.contentType })),
    sentAt: receivedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
}
