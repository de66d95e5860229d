import { threadIndexConversation } from '@helpdesk/contracts';
import { REPLY_MARKER, stripReplyMarker } from '../email-content';
import { mailLocale, renderMail } from './email-templates';
import { composeMail, REFERENCES_KEPT } from './outbound-mail';
import { smtpCode } from './smtp-transport';

const TICKET = '0b7c6f1e-2f4a-4c1e-9a55-3f1d2b7c9e10';
const FROM = { name: 'Soporte', address: 'soporte@acme.test' };

describe('mailLocale', () => {
  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN', 'en'],
    ['fr', 'es'],
    [null, 'es'],
    [undefined, 'es'],
  ])('%s → %s', (given, expected) => expect(mailLocale(given)).toBe(expected));
});

describe('renderMail', () => {
  const reply = { kind: 'reply' as const, ticketNumber: 'HD-000123', subject: 'VPN', authorName: 'Eva', text: 'Reinicie', html: null };

  it.each([
    ['es', 'Escriba su respuesta por encima de esta línea', 'Eva escribió:'],
    ['en', 'Type your reply above this line', 'Eva wrote:'],
  ] as const)('a reply in %s: marker on top, the token in the subject', (locale, marker, wrote) => {
    const mail = renderMail(reply, locale);
    expect(mail.subject).toBe('Re: [HD-000123] VPN');
    expect(mail.text.startsWith(REPLY_MARKER)).toBe(true);
    expect(mail.text).toContain(marker);
    expect(mail.text).toContain(`${wrote}\n\nReinicie`);
    expect(mail.html).toContain('<p>Reinicie</p>');
  });

  it('keeps what a customer writes above the marker when their answer comes back quoted', () => {
    const mail = renderMail(reply, 'es');
    const quoted = mail.text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    expect(stripReplyMarker(`Ya funciona, gracias\n\nEl lunes escribió:\n${quoted}`)).toBe('Ya funciona, gracias\n\nEl lunes escribió:');
  });

  it('escapes what people wrote in the HTML', () => {
    const mail = renderMail({ ...reply, authorName: '<b>Eva</b>', text: 'a < b & "c"' }, 'en');
    expect(mail.html).toContain('&lt;b&gt;Eva&lt;/b&gt; wrote:');
    expect(mail.html).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(mail.html).not.toContain('<b>Eva</b>');
  });

  it('uses the agent’s own sanitized HTML when the reply has one', () => {
    expect(renderMail({ ...reply, html: '<p><strong>Reinicie</strong></p>' }, 'es').html).toContain('<p><strong>Reinicie</strong></p>');
  });

  it.each([
    ['es', 'Hemos recibido su solicitud y le hemos asignado el número HD-000007'],
    ['en', 'We have received your request and given it the number HD-000007'],
  ] as const)('acknowledges a new ticket in %s', (locale, sentence) => {
    const mail = renderMail({ kind: 'ticket_created', ticketNumber: 'HD-000007', subject: 'ERP', requesterName: 'Ana' }, locale);
    expect(mail.subject).toBe('[HD-000007] ERP');
    expect(mail.text).toContain(sentence);
  });

  it('gives a survey one link per answer', () => {
    const mail = renderMail(
      {
        kind: 'csat',
        ticketNumber: 'HD-1',
        subject: 's',
        requesterName: 'Ana',
        goodUrl: 'https://p/x?rating=good',
        badUrl: 'https://p/x?rating=bad',
      },
      'en',
    );
    expect(mail.text).toContain('Good, I am satisfied: https://p/x?rating=good');
    expect(mail.html).toContain('<a href="https://p/x?rating=bad">');
  });
});

describe('composeMail', () => {
  const rendered = { subject: 'Re: [HD-000123] VPN\r\nBcc: x@evil.test', text: 't', html: 'h' };
  const compose = (messageIds: string[], answering: string | null, automatic = false) =>
    composeMail({
      rendered,
      from: FROM,
      to: 'ana@cliente.test',
      messageId: '<hd.new@acme.test>',
      thread: { ticketId: TICKET, messageIds, answering },
      instance: 'abc123',
      automatic,
      topic: 'VPN',
      sentAt: new Date('2026-12-06T10:00:00Z'),
    });

  it('answers the mail it replies to and references the thread', () => {
    const mail = compose(['<a@x>', '<hd.1@acme.test>', '<b@x>'], '<b@x>');
    expect(mail.inReplyTo).toBe('<b@x>');
    expect(mail.references).toEqual(['<a@x>', '<hd.1@acme.test>', '<b@x>']);
  });

  it('answers the latest mail when none is the recipient’s, and starts a thread when there is none', () => {
    expect(compose(['<a@x>', '<b@x>'], null).inReplyTo).toBe('<b@x>');
    const first = compose([], null);
    expect(first.inReplyTo).toBeNull();
    expect(first.references).toEqual([]);
  });

  it(`keeps the thread's first Message-ID and the latest ones, ${REFERENCES_KEPT} in all`, () => {
    const ids = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const { references } = compose(ids, null);
    expect(references).toHaveLength(REFERENCES_KEPT);
    expect(references[0]).toBe('<m0@x>');
    expect(references[REFERENCES_KEPT - 1]).toBe('<m29@x>');
  });

  it('marks automatic mail (RFC 3834, Exchange) and leaves people’s replies unmarked', () => {
    expect(compose([], null, true).headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' });
    expect(compose([], null, false).headers['Auto-Submitted']).toBeUndefined();
  });

  it('names the instance and gives Outlook a Thread-Index of the ticket', () => {
    const { headers } = compose([], null);
    expect(headers['X-Helpdesk-Instance']).toBe('abc123');
    expect(threadIndexConversation(headers['Thread-Index'])).not.toBeNull();
  });

  it('keeps line breaks out of the subject (no header injection)', () => {
    expect(compose([], null).subject).toBe('Re: [HD-000123] VPN Bcc: x@evil.test');
  });
});

describe('smtpCode', () => {
  it.each([
    ['250 2.0.0 OK: queued', 250],
    ['451 Try again later', 451],
    ['', null],
    [undefined, null],
    ['OK', null],
  ])('%s → %s', (response, code) => expect(smtpCode(response)).toBe(code));
});
