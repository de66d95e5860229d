import { AutomatedReason, classifyMail, headerMap, MailContext } from './automated-mail';

const context: MailContext = { instance: 'k3x9q2w7p1m4', ownAddresses: new Set(['soporte@acme.test']), senderRule: null };

function facts(lines: string[], from: string | null = 'ana@example.com', ownMessage = false) {
  const headers = headerMap(lines.map((line) => ({ key: line.slice(0, line.indexOf(':')), line })));
  return { headers, from, ownMessage };
}

describe('classifyMail', () => {
  const automated: [string, string[], string | null, AutomatedReason][] = [
    ['Auto-Submitted: auto-replied', ['Auto-Submitted: auto-replied'], undefined as never, 'auto_submitted'],
    ['Auto-Submitted: auto-generated with a comment', ['Auto-Submitted: auto-generated (vacation)'], undefined as never, 'auto_submitted'],
    [
      'Auto-Submitted with parameters',
      ['Auto-Submitted: auto-replied; owner-email="ana@example.com"'],
      undefined as never,
      'auto_submitted',
    ],
    ['X-Autoreply', ['X-Autoreply: yes'], undefined as never, 'autoreply'],
    ['X-Autorespond', ['X-Autorespond: Out of office'], undefined as never, 'autoreply'],
    ['Precedence: bulk', ['Precedence: bulk'], undefined as never, 'precedence'],
    ['Precedence: junk', ['Precedence: junk'], undefined as never, 'precedence'],
    ['Precedence: auto_reply', ['Precedence: auto_reply'], undefined as never, 'precedence'],
    ['Precedence: list', ['Precedence: list'], undefined as never, 'precedence'],
    ['X-Loop', ['X-Loop: soporte@acme.test'], undefined as never, 'x_loop'],
    ['List-Id', ['List-Id: <news.example.com>'], undefined as never, 'mailing_list'],
    ['List-Unsubscribe', ['List-Unsubscribe: <mailto:leave@example.com>'], undefined as never, 'mailing_list'],
    ['empty Return-Path', ['Return-Path: <>'], undefined as never, 'null_return_path'],
    ['a mailer-daemon bounce', [], 'mailer-daemon@mx.example.com', 'bounce'],
    ['a postmaster bounce', [], 'POSTMASTER@example.com', 'bounce'],
    [
      'a delivery status report',
      ['Content-Type: multipart/report; report-type=delivery-status; boundary="x"'],
      undefined as never,
      'bounce',
    ],
  ];
  it.each(automated)('%s is automated', (_name, lines, from, reason) => {
    expect(classifyMail(facts(lines, from === undefined ? 'ana@example.com' : from), context)).toEqual({ kind: 'automated', reason });
  });

  const people: [string, string[]][] = [
    ['no headers at all', []],
    ['Auto-Submitted: no', ['Auto-Submitted: no']],
    ['Auto-Submitted: No (explicitly a person)', ['Auto-Submitted: No']],
    ['Precedence: normal', ['Precedence: normal']],
    ['a Return-Path with an address', ['Return-Path: <ana@example.com>']],
    ['In-Reply-To and References', ['In-Reply-To: <a@b>', 'References: <a@b>']],
  ];
  it.each(people)('%s is a person', (_name, lines) => {
    expect(classifyMail(facts(lines), context)).toEqual({ kind: 'person' });
  });

  it('recognizes the helpdesk’s own mail by Message-ID, by instance header and by address', () => {
    expect(classifyMail(facts([], 'ana@example.com', true), context)).toEqual({ kind: 'own', reason: 'own_instance' });
    expect(classifyMail(facts(['X-Helpdesk-Instance: K3X9Q2W7P1M4']), context)).toEqual({ kind: 'own', reason: 'own_instance' });
    expect(classifyMail(facts([], 'soporte@acme.test'), context)).toEqual({ kind: 'own', reason: 'own_address' });
    expect(classifyMail(facts(['X-Helpdesk-Instance: another']), context)).toEqual({ kind: 'person' });
  });

  it('lets the admins’ sender rule override the headers, but never for the helpdesk’s own mail', () => {
    const human = { ...context, senderRule: 'person' as const };
    expect(classifyMail(facts(['Auto-Submitted: auto-generated', 'Precedence: bulk']), human)).toEqual({ kind: 'person' });
    expect(classifyMail(facts([], 'soporte@acme.test'), human)).toEqual({ kind: 'own', reason: 'own_address' });
    const blocked = { ...context, senderRule: 'automated' as const };
    expect(classifyMail(facts([]), blocked)).toEqual({ kind: 'automated', reason: 'sender_rule' });
  });
});

describe('headerMap', () => {
  it('lower-cases names, unfolds values and keeps repeats', () => {
    const map = headerMap([
      { key: 'Received', line: 'Received: from a\r\n\tby b' },
      { key: 'received', line: 'Received: from c' },
      { key: 'Subject', line: 'Subject: Hola' },
    ]);
    expect(map.get('received')).toEqual(['from a by b', 'from c']);
    expect(map.get('subject')).toEqual(['Hola']);
  });
});
