import { Channel, ChannelType, TicketStatus } from '@helpdesk/contracts';
import { conversationAction, intakeLane, messageBody, phoneDigits, requesterRef, ticketChannel, ticketContent } from './channel-messages';

describe(conversationAction.name, () => {
  it.each([
    [null, { kind: 'new_ticket', reason: 'first_message' }],
    [
      { ticketId: 't1', status: TicketStatus.New },
      { kind: 'comment', ticketId: 't1' },
    ],
    [
      { ticketId: 't1', status: TicketStatus.Open },
      { kind: 'comment', ticketId: 't1' },
    ],
    [
      { ticketId: 't1', status: TicketStatus.Pending },
      { kind: 'comment', ticketId: 't1' },
    ],
    [
      { ticketId: 't1', status: TicketStatus.OnHold },
      { kind: 'comment', ticketId: 't1' },
    ],
    [
      { ticketId: 't1', status: TicketStatus.Solved },
      { kind: 'comment', ticketId: 't1' },
    ],
    [
      { ticketId: 't1', status: TicketStatus.Closed },
      { kind: 'new_ticket', reason: 'ticket_closed' },
    ],
  ])('for a conversation whose ticket is %j: %j', (current, expected) => {
    expect(conversationAction(current)).toEqual(expected);
  });
});

describe(ticketContent.name, () => {
  const from = { id: 'v1', name: 'Ana', email: null };
  it.each([
    ['the first line as subject', 'No puedo entrar\nDesde ayer', 'No puedo entrar'],
    ['the first non-empty line, spaces collapsed', '\n\n   hola    mundo  \nmás', 'hola mundo'],
    ['a long line shortened', 'x'.repeat(300), `${'x'.repeat(119)}…`],
    ['the sender when there is no text line', '   \n  ', 'Chat with Ana'],
  ])('takes %s', (_label, text, subject) => {
    expect(ticketContent({ text, attachments: [], from }).subject).toBe(subject);
  });

  it('keeps the whole message as the description', () => {
    expect(ticketContent({ text: 'a\nb', attachments: [], from }).description).toBe('a\nb');
  });
});

describe(messageBody.name, () => {
  it('is the text alone without attachments', () => {
    expect(messageBody({ text: 'hola', attachments: [] })).toBe('hola');
  });

  it('lists attachment links after the text', () => {
    const attachments = [
      { url: 'https://x.example/1.png', name: 'captura.png', contentType: 'image/png' },
      { url: 'https://x.example/2', name: null, contentType: null },
    ];
    expect(messageBody({ text: 'mira', attachments })).toBe(
      'mira\n\nAttachments:\n- captura.png: https://x.example/1.png\n- https://x.example/2: https://x.example/2',
    );
  });
});

describe(requesterRef.name, () => {
  const channel = 'B2C1D3E4-0000-4000-8000-000000000001';
  const domain = `chat-${channel.toLowerCase()}.invalid`;

  it.each([
    ['the sender’s email, lower-cased', { id: 'v1', name: 'Ana', email: ' Ana@Example.com ' }, 'ana@example.com'],
    ['an .invalid address from the sender id', { id: 'Visitor-8841', name: 'Ana', email: null }, `visitor-8841@${domain}`],
  ])('uses %s', (_label, from, email) => {
    expect(requesterRef(channel, from)).toEqual({ email, name: 'Ana' });
  });

  it('hashes a sender id that cannot be an address, the same way every time', () => {
    const from = { id: 'a b@c', name: 'Ana', email: null };
    expect(requesterRef(channel, from).email).toMatch(new RegExp(`^[0-9a-f]{32}@${domain.replace(/\./g, '\\.')}$`));
    expect(requesterRef(channel, from)).toEqual(requesterRef(channel, { ...from }));
  });
});

describe('phone senders (SMS)', () => {
  it('gives a number without email one placeholder address on every channel', () => {
    const from = { id: '+34600123456', name: '+34600123456', email: null, phone: '+34600123456' };
    expect(requesterRef('c1', from)).toEqual({ email: '34600123456@phone.invalid', name: '+34600123456' });
    expect(requesterRef('c2', from)).toEqual(requesterRef('c1', from));
  });

  it.each([
    ['+34 600 123 456', '34600123456'],
    ['(555) 010-2030', '5550102030'],
    ['12', null],
    [null, null],
  ])('reads the digits of %p', (phone, digits) => {
    expect(phoneDigits(phone)).toBe(digits);
  });

  it('marks tickets from Twilio as SMS or phone and the rest as chat', () => {
    expect(ticketChannel({ channelType: ChannelType.Twilio })).toBe(Channel.Sms);
    expect(ticketChannel({ channelType: ChannelType.Twilio, medium: 'sms' })).toBe(Channel.Sms);
    expect(ticketChannel({ channelType: ChannelType.Twilio, medium: 'voice' })).toBe(Channel.Phone);
    expect(ticketChannel({ channelType: ChannelType.Chat })).toBe(Channel.Chat);
  });
});

describe(intakeLane.name, () => {
  const email = { messageId: '<m1@example.com>' } as never;
  it.each([
    ['a chat conversation', { channelId: 'ch1', conversationId: 'conv-1' }, 'ch1:conv-1'],
    ['another conversation of the same channel', { channelId: 'ch1', conversationId: 'conv-2' }, 'ch1:conv-2'],
    ['the same conversation id on another channel', { channelId: 'ch2', conversationId: 'conv-1' }, 'ch2:conv-1'],
    ['an SMS (its conversation is the sender number)', { channelId: 'sms', conversationId: '+34600111222' }, 'sms:+34600111222'],
    [
      'a message that may open a new ticket only',
      { channelId: 'cti', conversationId: 'call-1', ticketPolicy: 'new' as const },
      'cti:call-1',
    ],
    ['an email', { channelId: 'mail', conversationId: '<m1@example.com>', email }, 'across-conversations'],
    ['an email of another mailbox', { channelId: 'mail2', conversationId: '<m2@example.com>', email }, 'across-conversations'],
    [
      "an outbound call, added to the caller's open ticket",
      { channelId: 'cti', conversationId: 'call-2', ticketPolicy: 'existing_only' as const },
      'across-conversations',
    ],
  ])('%s', (_case, message, lane) => {
    expect(intakeLane(message)).toBe(lane);
  });
});
