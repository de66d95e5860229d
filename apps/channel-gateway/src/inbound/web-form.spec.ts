import { formMessageId, FormRateLimiter, isBot, parseWebForm, webFormReceived } from './web-form';

const good = { name: 'Ana', email: 'Ana@Example.com', subject: 'Hola', message: 'No puedo entrar' };

describe(parseWebForm.name, () => {
  it('takes JSON and URL-encoded forms alike', () => {
    expect(parseWebForm(Buffer.from(JSON.stringify(good)), 'application/json').ok).toBe(true);
    expect(parseWebForm(Buffer.from(new URLSearchParams(good).toString()), 'application/x-www-form-urlencoded').ok).toBe(true);
  });

  it('lists each bad field', () => {
    const parsed = parseWebForm(
      Buffer.from(JSON.stringify({ name: '', email: 'x', subject: 's', message: '', locale: 'fr' })),
      'application/json',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'email', 'message', 'locale']));
  });
});

describe(isBot.name, () => {
  it('is a bot when the honeypot is filled', () => {
    const parsed = parseWebForm(Buffer.from(JSON.stringify({ ...good, website: 'http://spam' })), 'application/json');
    expect(parsed.ok && isBot(parsed.form)).toBe(true);
  });
});

describe(webFormReceived.name, () => {
  it('always opens a new ticket for the lower-cased email, with the subject and the channel defaults', () => {
    const parsed = parseWebForm(Buffer.from(JSON.stringify(good)), 'application/json');
    if (!parsed.ok) throw new Error('bad fixture');
    const message = webFormReceived('i', 'ch', formMessageId('k1', 'x'), parsed.form, { priority: 'high' }, new Date(0));
    expect(message).toMatchObject({ providerMessageId: 'key:k1', ticketPolicy: 'new', subject: 'Hola', priority: 'high' });
    expect(message.from.email).toBe('ana@example.com');
  });
});

describe(FormRateLimiter.name, () => {
  it('allows the limit per minute, then says how long to wait', () => {
    const limiter = new FormRateLimiter(2);
    expect(limiter.hit('ip', 0).allowed).toBe(true);
    expect(limiter.hit('ip', 1000).allowed).toBe(true);
    expect(limiter.hit('ip', 2000)).toEqual({ allowed: false, retryAfterSeconds: 58 });
    expect(limiter.hit('other', 2000).allowed).toBe(true);
    expect(limiter.hit('ip', 60_001).allowed).toBe(true);
  });
});
