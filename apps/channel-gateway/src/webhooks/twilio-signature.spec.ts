import { validateRequest } from 'twilio';
import { computeTwilioSignature, parseForm, signedUrl, verifyTwilioSignature } from './twilio-signature';

describe('Twilio signatures', () => {
  // Twilio's own documented example (docs/usage/security): auth token 12345, this URL and these parameters.
  const authToken = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

  it("computes Twilio's documented example", () => {
    expect(computeTwilioSignature(authToken, url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(verifyTwilioSignature({ header: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', authToken, url, params })).toBeNull();
  });

  it('agrees with the official twilio package for SMS forms, unicode and empty values', () => {
    const sms = {
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      From: '+34600123456',
      To: '+34910000000',
      Body: 'Hola, ¿me llamáis? 😀 a&b=c',
      NumMedia: '1',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/SM/Media/ME1',
      MediaContentType0: 'image/jpeg',
      Empty: '',
    };
    const smsUrl = 'https://helpdesk.example.com/webhooks/twilio/5f0c/sms';
    const signature = computeTwilioSignature('a-real-looking-auth-token-0123456789', smsUrl, sms);
    expect(validateRequest('a-real-looking-auth-token-0123456789', signature, smsUrl, sms)).toBe(true);
    const official = computeTwilioSignature('12345', url, params);
    expect(validateRequest('12345', official, url, params)).toBe(true);
  });

  it('refuses tampered parameters, another URL, another token and a missing header', () => {
    const good = computeTwilioSignature(authToken, url, params);
    expect(verifyTwilioSignature({ header: good, authToken, url, params: { ...params, Digits: '1235' } })).toBe('mismatch');
    expect(verifyTwilioSignature({ header: good, authToken, url, params: { ...params, Extra: '' } })).toBe('mismatch');
    expect(verifyTwilioSignature({ header: good, authToken, url: 'http://mycompany.com/myapp.php?foo=1&bar=2', params })).toBe('mismatch');
    expect(verifyTwilioSignature({ header: good, authToken, url: 'https://mycompany.com/myapp.php?foo=1', params })).toBe('mismatch');
    expect(verifyTwilioSignature({ header: good, authToken: '54321', url, params })).toBe('mismatch');
    expect(verifyTwilioSignature({ header: 'short', authToken, url, params })).toBe('mismatch');
    expect(verifyTwilioSignature({ header: undefined, authToken, url, params })).toBe('missing');
    expect(verifyTwilioSignature({ header: '', authToken, url, params })).toBe('missing');
  });

  it('parses form bodies, keeping repeated names, and signs them as sent', () => {
    const form = parseForm('Body=Hola+mundo%21&From=%2B34600123456&Tag=b&Tag=a');
    expect(form).toEqual({ Body: 'Hola mundo!', From: '+34600123456', Tag: ['b', 'a'] });
    expect(computeTwilioSignature('t', 'https://x.test/', form)).toBe(
      computeTwilioSignature('t', 'https://x.test/', { ...form, Tag: ['a', 'b'] }),
    );
  });

  it('uses the public base URL when one is configured, the request URL otherwise', () => {
    expect(signedUrl(undefined, '/webhooks/twilio/c/sms', 'http://127.0.0.1:3000/webhooks/twilio/c/sms')).toBe(
      'http://127.0.0.1:3000/webhooks/twilio/c/sms',
    );
    expect(signedUrl('https://help.example.com/', '/webhooks/twilio/c/sms?x=1', 'http://10.0.0.5/webhooks/twilio/c/sms?x=1')).toBe(
      'https://help.example.com/webhooks/twilio/c/sms?x=1',
    );
  });
});
