import { ChannelType } from '@helpdesk/contracts';
import { splitSecret, validateChannelSettings, webhookPath } from './channel-settings';

const SECRET = 'whsec_0123456789abcdef';
const EMAIL = { host: 'imap.example.com', port: 993, tls: true, user: 'soporte@example.com', password: 'p', folder: 'INBOX' };
const TWILIO = { accountSid: `AC${'a1'.repeat(16)}`, authToken: 'f'.repeat(32), phoneNumber: '+34600111222' };

describe(validateChannelSettings.name, () => {
  it.each([
    ['a chat channel with a secret', ChannelType.Chat, { signingSecret: SECRET }],
    ['a chat channel with an outbound URL', ChannelType.Chat, { signingSecret: SECRET, outboundUrl: 'https://chat.example.com/r' }],
    ['a CTI channel', ChannelType.Cti, { signingSecret: SECRET }],
    ['a mailbox', ChannelType.Email, EMAIL],
    ['a mailbox moving imported mail', ChannelType.Email, { ...EMAIL, afterImport: 'move', moveTo: 'Importados' }],
    [
      'a mailbox with its own address and sender name',
      ChannelType.Email,
      { ...EMAIL, address: 'soporte@acme.test', senderName: 'Soporte ACME' },
    ],
    ['a Twilio account', ChannelType.Twilio, TWILIO],
    ['a form without settings', ChannelType.Form, {}],
    ['a form with origins', ChannelType.Form, { allowedOrigins: ['https://www.example.com'] }],
  ])('accepts %s', (_label, type, settings) => {
    expect(validateChannelSettings(type, settings)).toEqual([]);
  });

  it.each([
    ['a chat channel without its secret', ChannelType.Chat, {}, [['settings.signingSecret', 'is required']]],
    [
      'a short signing secret',
      ChannelType.Chat,
      { signingSecret: 'short' },
      [['settings.signingSecret', 'must be a string of 16 to 256 characters']],
    ],
    [
      'a bad outbound URL',
      ChannelType.Chat,
      { signingSecret: SECRET, outboundUrl: 'ftp://x' },
      [['settings.outboundUrl', 'must be an http(s) URL']],
    ],
    [
      'an unknown setting',
      ChannelType.Chat,
      { signingSecret: SECRET, colour: 'red' },
      [['settings.colour', 'is not a setting of chat channels']],
    ],
    [
      'a mailbox with a bad port and no password',
      ChannelType.Email,
      { ...EMAIL, port: 70000, password: undefined },
      [
        ['settings.port', 'must be a port, 1–65535'],
        ['settings.password', 'is required'],
      ],
    ],
    [
      'a move without a folder',
      ChannelType.Email,
      { ...EMAIL, afterImport: 'move' },
      [['settings.moveTo', 'is required with afterImport: move']],
    ],
    [
      'a From address that is not one',
      ChannelType.Email,
      { ...EMAIL, address: 'soporte', senderName: '' },
      [
        ['settings.address', 'must be an email address'],
        ['settings.senderName', 'must be a non-empty string of at most 100 characters'],
      ],
    ],
    [
      'a folder to move to without move',
      ChannelType.Email,
      { ...EMAIL, moveTo: 'X' },
      [['settings.moveTo', 'is only used with afterImport: move']],
    ],
    [
      'a bad account SID',
      ChannelType.Twilio,
      { ...TWILIO, accountSid: 'XX1' },
      [['settings.accountSid', 'must be AC followed by 32 hex digits']],
    ],
    [
      'a phone number that is not E.164',
      ChannelType.Twilio,
      { ...TWILIO, phoneNumber: '600111222' },
      [['settings.phoneNumber', 'must be an E.164 number (+34600111222)']],
    ],
    [
      'an origin with a path',
      ChannelType.Form,
      { allowedOrigins: ['https://www.example.com/form'] },
      [['settings.allowedOrigins', 'must be a list of origins (https://www.example.com)']],
    ],
  ])('refuses %s, field by field', (_label, type, settings, expected) => {
    const errors = validateChannelSettings(type, settings);
    expect(errors.map((e) => [e.field, e.message]).sort()).toEqual([...expected].sort());
  });

  it('lets a change keep the stored secret', () => {
    expect(validateChannelSettings(ChannelType.Chat, { outboundUrl: 'https://chat.example.com/r' }, true)).toEqual([]);
    expect(validateChannelSettings(ChannelType.Twilio, { ...TWILIO, authToken: undefined }, true)).toEqual([]);
  });

  it('still checks a new secret given with a change', () => {
    expect(validateChannelSettings(ChannelType.Chat, { signingSecret: 'short' }, true)).toHaveLength(1);
  });
});

describe(splitSecret.name, () => {
  it.each([
    [ChannelType.Chat, { signingSecret: SECRET, outboundUrl: 'https://x.example' }, { outboundUrl: 'https://x.example' }, SECRET],
    [ChannelType.Email, EMAIL, { ...EMAIL, password: undefined }, 'p'],
    [ChannelType.Twilio, TWILIO, { accountSid: TWILIO.accountSid, phoneNumber: TWILIO.phoneNumber }, TWILIO.authToken],
    [ChannelType.Form, { allowedOrigins: [] }, { allowedOrigins: [] }, undefined],
    [ChannelType.Chat, { outboundUrl: 'https://x.example' }, { outboundUrl: 'https://x.example' }, undefined],
  ])('keeps the %s secret apart', (type, settings, visible, secret) => {
    const out = splitSecret(type, settings);
    expect(JSON.parse(JSON.stringify(out.visible))).toEqual(JSON.parse(JSON.stringify(visible)));
    expect(out.secret).toBe(secret);
  });
});

describe(webhookPath.name, () => {
  it.each([
    [ChannelType.Chat, '/webhooks/chat/id-1'],
    [ChannelType.Twilio, '/webhooks/twilio/id-1'],
    [ChannelType.Cti, '/webhooks/cti/id-1'],
    [ChannelType.Form, '/webhooks/form'],
    [ChannelType.Email, null],
  ])('%s → %s', (type, path) => {
    expect(webhookPath(type, 'id-1')).toBe(path);
  });
});
