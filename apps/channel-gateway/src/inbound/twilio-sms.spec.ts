import { ChannelType } from '@helpdesk/contracts';
import { parseForm } from '../webhooks/twilio-signature';
import { parseTwilioSms, twilioSmsReceived } from './twilio-sms';

describe(parseTwilioSms.name, () => {
  const sid = 'SM0123456789abcdef0123456789abcdef';
  const form = (body: string) => parseTwilioSms(parseForm(body));

  it('reads an SMS with its media', () => {
    const parsed = form(
      `MessageSid=${sid}&From=%2B34600123456&To=%2B34910000000&Body=Hola&NumMedia=1&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F1&MediaContentType0=image%2Fpng&AccountSid=AC1`,
    );
    expect(parsed).toEqual({
      ok: true,
      sms: {
        messageSid: sid,
        from: '+34600123456',
        to: '+34910000000',
        body: 'Hola',
        media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/png' }],
      },
    });
  });

  it.each([
    ['no MessageSid', 'From=%2B34600123456&To=%2B3491&Body=x', 'MessageSid'],
    ['a bad MessageSid', 'MessageSid=nope&From=%2B34600123456&To=%2B3491&Body=x', 'MessageSid'],
    ['no From', `MessageSid=${sid}&To=%2B3491&Body=x`, 'From'],
    ['a repeated From', `MessageSid=${sid}&From=%2B346&From=%2B347&To=%2B3491&Body=x`, 'From'],
    ['a bad NumMedia', `MessageSid=${sid}&From=%2B346001&To=%2B3491&Body=x&NumMedia=many`, 'NumMedia'],
    ['a missing MediaUrl0', `MessageSid=${sid}&From=%2B346001&To=%2B3491&Body=x&NumMedia=1`, 'MediaUrl0'],
    ['neither body nor media', `MessageSid=${sid}&From=%2B346001&To=%2B3491&Body=+`, 'Body'],
    ['a NUL character', `MessageSid=${sid}&From=%2B346001&To=%2B3491&Body=a%00b`, 'Body'],
    ['garbage', 'this is not a form', 'MessageSid'],
  ])('refuses %s', (_label, body, field) => {
    const parsed = form(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toContain(field);
  });

  it('makes the sender number the conversation and the sender', () => {
    const parsed = form(`MessageSid=${sid}&From=%2B34600123456&To=%2B34910000000&Body=Hola`);
    if (!parsed.ok) throw new Error('expected an SMS');
    const event = twilioSmsReceived('i1', 'c1', parsed.sms, new Date('2026-11-23T10:00:00Z'));
    expect(event).toMatchObject({
      channelType: ChannelType.Twilio,
      providerMessageId: sid,
      conversationId: '+34600123456',
      from: { id: '+34600123456', email: null, phone: '+34600123456' },
      text: 'Hola',
    });
  });
});
