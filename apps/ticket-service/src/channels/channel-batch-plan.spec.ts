import { ChannelMessageReceivedV1, ChannelType, TicketStatus } from '@helpdesk/contracts';
import { BatchConversation, BatchSender, conversationKey, mayBatch, planChannelBatch, senderKey } from './channel-batch-plan';

const CHANNEL = '11111111-1111-4111-8111-111111111111';
let n = 0;
const message = (conversationId: string, over: Partial<ChannelMessageReceivedV1> = {}): { id: string; data: ChannelMessageReceivedV1 } => ({
  id: `e${++n}`,
  data: {
    inboundId: `i${n}`,
    channelId: CHANNEL,
    channelType: ChannelType.Chat,
    providerMessageId: `m${n}`,
    conversationId,
    from: { id: `visitor-${conversationId}`, name: 'Ana', email: null },
    text: 'hola',
    attachments: [],
    sentAt: '2026-12-06T10:00:00Z',
    receivedAt: '2026-12-06T10:00:00Z',
    ...over,
  },
});

const sender = (id: string): BatchSender => ({ id, name: 'Ana', email: `${id}@x.invalid`, locale: 'es' });
const conversation = (status: TicketStatus, requesterId = 'u-a', channelType: string | null = 'chat'): BatchConversation => ({
  ticketId: `t-${status}`,
  number: 'HD-000001',
  subject: 'S',
  status,
  requesterId,
  channelType,
});

describe('mayBatch', () => {
  it.each([
    ['a chat message', {}, true],
    ['a chat message with an email', { from: { id: 'v', name: 'A', email: 'a@b.c' } }, true],
    ['an SMS (a phone sender)', { from: { id: 'v', name: 'A', email: null, phone: '+34 600 000 000' } }, false],
    ['an email', { email: {} as ChannelMessageReceivedV1['email'] }, false],
    ['a callback (always a new ticket)', { ticketPolicy: 'new' as const }, false],
    ['an outbound call (existing only)', { ticketPolicy: 'existing_only' as const }, false],
    ['the conversation policy', { ticketPolicy: 'conversation' as const }, true],
  ])('%s → %p', (_, over, expected) => {
    expect(mayBatch(message('c', over).data)).toBe(expected);
  });
});

describe('planChannelBatch', () => {
  const plan = (
    events: { id: string; data: ChannelMessageReceivedV1 }[],
    conversations: [string, BatchConversation][],
    senders: [string, BatchSender][],
  ) => {
    const out = planChannelBatch(
      events,
      new Map(conversations.map(([c, state]) => [conversationKey({ channelId: CHANNEL, conversationId: c }), state])),
      new Map(senders.map(([c, s]) => [senderKey({ channelId: CHANNEL, from: { id: `visitor-${c}`, name: 'Ana', email: null } }), s])),
    );
    return { comments: out.comments.map((c) => c.event.data.conversationId), oneByOne: out.oneByOne.map((e) => e.data.conversationId) };
  };

  it.each([
    ['open ticket, known requester: a comment', TicketStatus.Open, 'u-a', 'u-a', 'chat', ['c'], []],
    ['new ticket: a comment', TicketStatus.New, 'u-a', 'u-a', 'chat', ['c'], []],
    ['on hold: a comment (replies do not reopen it)', TicketStatus.OnHold, 'u-a', 'u-a', 'chat', ['c'], []],
    ['pending, the requester replies: it reopens, one by one', TicketStatus.Pending, 'u-a', 'u-a', 'chat', [], ['c']],
    ['solved, the requester replies: it reopens, one by one', TicketStatus.Solved, 'u-a', 'u-a', 'chat', [], ['c']],
    ['pending, someone else replies: a comment', TicketStatus.Pending, 'u-a', 'u-b', 'chat', ['c'], []],
    ['closed: a new ticket, one by one', TicketStatus.Closed, 'u-a', 'u-a', 'chat', [], ['c']],
    ['a conversation without its channel type yet: one by one', TicketStatus.Open, 'u-a', 'u-a', null, [], ['c']],
  ])('%s', (_, status, requesterId, senderId, channelType, comments, oneByOne) => {
    expect(plan([message('c')], [['c', conversation(status, requesterId, channelType)]], [['c', sender(senderId)]])).toEqual({
      comments,
      oneByOne,
    });
  });

  it('sends a new conversation and an unknown sender one by one', () => {
    expect(plan([message('new')], [], [['new', sender('u-a')]])).toEqual({ comments: [], oneByOne: ['new'] });
    expect(plan([message('c')], [['c', conversation(TicketStatus.Open)]], [])).toEqual({ comments: [], oneByOne: ['c'] });
  });

  it('once a message of a conversation goes one by one, the later ones of that conversation follow it; others are not held', () => {
    const events = [
      message('a'),
      message('b', { from: { id: 'visitor-b', name: 'B', email: null, phone: '+34600000001' } }),
      message('b'),
      message('a'),
      message('c'),
    ];
    const conversations: [string, BatchConversation][] = [
      ['a', conversation(TicketStatus.Open)],
      ['b', conversation(TicketStatus.Open)],
    ];
    const senders: [string, BatchSender][] = [
      ['a', sender('u-a')],
      ['b', sender('u-a')],
      ['c', sender('u-a')],
    ];
    expect(plan(events, conversations, senders)).toEqual({ comments: ['a', 'a'], oneByOne: ['b', 'b', 'c'] });
  });
});
