import { threadIndexFor } from '@helpdesk/contracts';
import { subjectTicketNumbers, threadClues, ticketSubjectFromEmail } from './email-threading';

const TICKET = '3f2b8c1e-9a7d-4e3b-8c6f-0a1b2c3d4e5f';
const base = { inReplyTo: null, references: [], threadIndex: null, subject: 'Hola', helpdeskMessageTickets: {} };

describe('threadClues', () => {
  it('tries In-Reply-To, then References newest first, then Thread-Index, then the subject token', () => {
    const index = threadIndexFor(TICKET, new Date('2026-01-01T00:00:00Z'));
    const clues = threadClues({
      inReplyTo: '<c@x>',
      references: ['<a@x>', '<hd.1@helpdesk>', '<c@x>'],
      threadIndex: index,
      subject: 'RE: Impresora [HD-000123]',
      helpdeskMessageTickets: { '<hd.1@helpdesk>': TICKET },
    });
    expect(clues).toEqual([
      { kind: 'message_id', messageId: '<c@x>', via: 'in_reply_to' },
      { kind: 'ticket_id', ticketId: TICKET, via: 'references' },
      { kind: 'message_id', messageId: '<a@x>', via: 'references' },
      { kind: 'ticket_id', ticketId: TICKET, via: 'thread_index' },
      { kind: 'thread_index', conversation: Buffer.from(index, 'base64').toString('hex') },
      { kind: 'ticket_number', number: 'HD-000123' },
    ]);
  });

  it('names nothing for a first mail', () => {
    expect(threadClues(base)).toEqual([]);
  });

  it('takes a helpdesk Message-ID in In-Reply-To as its ticket', () => {
    expect(threadClues({ ...base, inReplyTo: '<hd.1@h>', helpdeskMessageTickets: { '<hd.1@h>': TICKET } })).toEqual([
      { kind: 'ticket_id', ticketId: TICKET, via: 'in_reply_to' },
    ]);
  });
});

describe('subjectTicketNumbers', () => {
  it.each([
    ['Re: Impresora [HD-000123]', ['HD-000123']],
    ['[hd-1234567] y [HD-000002]', ['HD-1234567', 'HD-000002']],
    ['[ HD-000123 ]', ['HD-000123']],
    ['HD-000123 without brackets', []],
    ['[HD-123] too short', []],
  ])('%p', (subject, numbers) => expect(subjectTicketNumbers(subject)).toEqual(numbers));
});

describe('ticketSubjectFromEmail', () => {
  it.each([
    ['Re: RE: Fwd: La impresora', 'La impresora'],
    ['RV: Factura', 'Factura'],
    ['AW: Drucker', 'Drucker'],
    ['   ', '(no subject)'],
    ['Re[2]: Hola', 'Hola'],
  ])('%p → %p', (subject, expected) => expect(ticketSubjectFromEmail(subject, '')).toBe(expected));

  it('falls back to the text and shortens long subjects', () => {
    expect(ticketSubjectFromEmail('', 'Primera línea')).toBe('Primera línea');
    expect(ticketSubjectFromEmail('x'.repeat(300), '')).toHaveLength(250);
  });
});
