import { ChatWebhookMessageDto } from '@helpdesk/contracts';
import { jsonObjectBody, validatedBody } from './webhook-body';

describe('jsonObjectBody', () => {
  it.each([
    ['not JSON', '{nope', 'must be valid JSON'],
    ['an array', '[1,2]', 'must be a JSON object'],
    ['a string', '"hola"', 'must be a JSON object'],
    ['null', 'null', 'must be a JSON object'],
  ])('refuses %s', (_, raw, message) => {
    expect(jsonObjectBody(Buffer.from(raw))).toEqual({ ok: false, errors: [{ field: 'body', message }] });
  });

  it('takes an object', () => {
    expect(jsonObjectBody(Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('validatedBody', () => {
  const chat = {
    conversationId: 'c1',
    messageId: 'm1',
    from: { id: 'v1', name: 'Ana' },
    text: 'hola',
    sentAt: '2026-12-06T10:00:00Z',
  };

  it('answers the DTO of valid fields', () => {
    const checked = validatedBody(ChatWebhookMessageDto, chat);
    expect(checked.ok && checked.value).toBeInstanceOf(ChatWebhookMessageDto);
  });

  it.each([
    ['in a nested value', { ...chat, from: { id: 'v1', name: 'A\u0000na' } }],
    ['in a key', { ...chat, ['x\u0000']: 1 }],
    ['in a list', { ...chat, attachments: [{ url: 'https://x.test/\u0000' }] }],
  ])('refuses U+0000 %s, which PostgreSQL cannot store', (_, fields) => {
    expect(validatedBody(ChatWebhookMessageDto, fields)).toEqual({
      ok: false,
      errors: [{ field: 'body', message: 'must not contain NUL characters' }],
    });
  });

  it('refuses unknown fields, one error per field', () => {
    const checked = validatedBody(ChatWebhookMessageDto, { ...chat, admin: true });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.map((e) => e.field)).toEqual(['admin']);
  });
});
