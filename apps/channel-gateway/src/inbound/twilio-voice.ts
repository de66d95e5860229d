import { ChannelMessageReceivedV1, ChannelType, FieldError } from '@helpdesk/contracts';
import { FormParams } from '../webhooks/twilio-signature';

/** Call statuses that say the call is not over yet (nothing to hand over). */
const IN_PROGRESS = ['queued', 'initiated', 'ringing', 'in-progress'];
/** Call statuses of a call nobody answered: a callback is owed. */
const MISSED = ['busy', 'no-answer', 'failed', 'canceled'];
const STATUSES = [...IN_PROGRESS, 'completed', ...MISSED];

/** One voice callback: what it adds to the call, keyed so that each kind of callback of a call counts once. */
export interface TwilioCallback {
  callSid: string;
  from: string;
  /** `status:<CallStatus>`, `recording` or `transcription`: with the CallSid, the inbound log's message id */
  kind: string;
  /** Nothing to record yet (the call is ringing or in progress) */
  pending: boolean;
  missed: boolean;
  text: string;
  recordingUrl: string | null;
}

export type ParsedTwilioCallback = { ok: true; callback: TwilioCallback } | { ok: false; errors: FieldError[] };

/**
 * Checks a voice callback (CallSid, From, CallStatus; CallDuration, RecordingUrl, TranscriptionText in
 * later callbacks) and says what it adds: a transcript, a recording link, a finished call, or a missed call.
 */
export function parseTwilioCallback(params: FormParams): ParsedTwilioCallback {
  const errors: FieldError[] = [];
  const one = (name: string): string | undefined => {
    const value = params[name];
    if (Array.isArray(value) || value?.includes('\u0000')) {
      errors.push({ field: name, message: `${name} must be given once, without NUL characters` });
      return undefined;
    }
    return value;
  };
  const callSid = one('CallSid');
  const from = one('From');
  const status = one('CallStatus');
  const duration = one('CallDuration') ?? one('RecordingDuration');
  const recordingUrl = one('RecordingUrl');
  const transcript = one('TranscriptionText');
  if (!callSid || !/^CA[0-9a-fA-F]{32}$/.test(callSid))
    errors.push({ field: 'CallSid', message: 'CallSid must be CA followed by 32 hex digits' });
  if (!from || !/^(\+[1-9]\d{1,14}|[A-Za-z0-9:@._ -]{1,64})$/.test(from))
    errors.push({ field: 'From', message: 'From must be a phone number or a client id' });
  if (status !== undefined && !STATUSES.includes(status))
    errors.push({ field: 'CallStatus', message: `CallStatus must be one of ${STATUSES.join(', ')}` });
  if (duration !== undefined && !/^\d{1,7}$/.test(duration))
    errors.push({ field: 'CallDuration', message: 'CallDuration must be whole seconds' });
  if (recordingUrl !== undefined && !/^https?:\/\/\S{1,2000}$/.test(recordingUrl))
    errors.push({ field: 'RecordingUrl', message: 'RecordingUrl must be an http(s) URL' });
  if (transcript !== undefined && transcript.length > 65536)
    errors.push({ field: 'TranscriptionText', message: 'TranscriptionText is too long' });
  if (!errors.length && status === undefined && !recordingUrl && !transcript) {
    errors.push({ field: 'CallStatus', message: 'A callback needs CallStatus, RecordingUrl or TranscriptionText' });
  }
  if (errors.length) return { ok: false, errors };
  const base = { callSid: callSid!, from: from!, recordingUrl: recordingUrl ?? null, missed: false, pending: false };
  if (transcript !== undefined) {
    return {
      ok: true,
      callback: { ...base, recordingUrl: null, kind: 'transcription', text: `Transcript of the call from ${from}:\n${transcript}` },
    };
  }
  if (recordingUrl) return { ok: true, callback: { ...base, kind: 'recording', text: `Recording of the call from ${from}` } };
  const seconds = duration ? `, ${duration} s` : '';
  if (MISSED.includes(status!)) {
    return {
      ok: true,
      callback: { ...base, missed: true, kind: `status:${status}`, text: `Callback: missed call from ${from} (${status})` },
    };
  }
  return {
    ok: true,
    callback: {
      ...base,
      pending: IN_PROGRESS.includes(status!),
      kind: `status:${status}`,
      text: `Call from ${from} (${status}${seconds})`,
    },
  };
}

/** The event for a stored callback: the conversation is the caller's number, so the call lands on their open ticket. */
export function twilioCallbackReceived(
  inboundId: string,
  channelId: string,
  callback: TwilioCallback,
  receivedAt: Date,
): ChannelMessageReceivedV1 {
  return {
    inboundId,
    channelId,
    channelType: ChannelType.Twilio,
    medium: 'voice',
    providerMessageId: `${callback.callSid}:${callback.kind}`,
    conversationId: callback.from,
    from: { id: callback.from, name: callback.from, email: null, phone: callback.from },
    text: callback.text,
    attachments: callback.recordingUrl ? [{ url: callback.recordingUrl, name: 'recording', contentType: null }] : [],
    sentAt: receivedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
}
