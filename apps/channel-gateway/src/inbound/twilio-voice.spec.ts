import { ChannelType } from '@helpdesk/contracts';
import { parseForm } from '../webhooks/twilio-signature';
import { parseTwilioCallback, twilioCallbackReceived } from './twilio-voice';

describe(parseTwilioCallback.name, () => {
  const sid = 'CA0123456789abcdef0123456789abcdef';
  const parse = (body: string) => parseTwilioCallback(parseForm(`CallSid=${sid}&From=%2B34600123456&To=%2B34910000000&${body}`));
  const ok = (body: string) => {
    const parsed = parse(body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.callback;
  };

  it('logs ringing and in-progress callbacks without handing anything over', () => {
    expect(ok('CallStatus=ringing')).toMatchObject({ pending: true, kind: 'status:ringing' });
    expect(ok('CallStatus=in-progress')).toMatchObject({ pending: true });
  });

  it('says a finished call with its duration, and a missed call as a callback', () => {
    expect(ok('CallStatus=completed&CallDuration=42')).toMatchObject({
      pending: false,
      missed: false,
      kind: 'status:completed',
      text: 'Call from +34600123456 (completed, 42 s)',
    });
    for (const status of ['no-answer', 'busy']) {
      expect(ok(`CallStatus=${status}`)).toMatchObject({
        missed: true,
        kind: `status:${status}`,
        text: `Callback: missed call from +34600123456 (${status})`,
      });
    }
  });

  it('keys the recording and the transcript apart from the status, so each is added once', () => {
    const recording = ok('CallStatus=completed&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2FRecordings%2FRE1');
    expect(recording).toMatchObject({ kind: 'recording', recordingUrl: 'https://api.twilio.com/Recordings/RE1' });
    const transcript = ok('TranscriptionText=Necesito+ayuda&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2FRecordings%2FRE1');
    expect(transcript).toMatchObject({ kind: 'transcription', text: 'Transcript of the call from +34600123456:\nNecesito ayuda' });
    const event = twilioCallbackReceived('i1', 'c1', recording, new Date('2026-11-23T10:00:00Z'));
    expect(event).toMatchObject({
      channelType: ChannelType.Twilio,
      medium: 'voice',
      providerMessageId: `${sid}:recording`,
      conversationId: '+34600123456',
      attachments: [{ url: 'https://api.twilio.com/Recordings/RE1', name: 'recording', contentType: null }],
    });
  });

  it.each([
    ['an unknown status', 'CallStatus=ringing-twice', 'CallStatus'],
    ['a bad duration', 'CallStatus=completed&CallDuration=long', 'CallDuration'],
    ['a bad recording URL', 'RecordingUrl=ftp%3A%2F%2Fx', 'RecordingUrl'],
    ['nothing to say', 'Foo=bar', 'CallStatus'],
  ])('refuses %s', (_label, body, field) => {
    const parsed = parse(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses a form without CallSid or From', () => {
    const parsed = parseTwilioCallback(parseForm('CallStatus=completed'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field).sort()).toEqual(['CallSid', 'From']);
  });
});
