import { threadIndexConversation, threadIndexFor, threadIndexTicketId } from './thread-index';

const TICKET = '3f2b8c1e-9a7d-4e3b-8c6f-0a1b2c3d4e5f';

describe('Thread-Index', () => {
  it('is 22 bytes naming the ticket; an Outlook reply appends five bytes and keeps the conversation', () => {
    const index = threadIndexFor(TICKET, new Date('2026-11-23T10:00:00Z'));
    const bytes = Buffer.from(index, 'base64');
    expect(bytes).toHaveLength(22);
    expect(bytes.subarray(6).toString('hex')).toBe(TICKET.replace(/-/g, ''));
    const reply = Buffer.concat([bytes, Buffer.from([1, 2, 3, 4, 5])]).toString('base64');
    expect(threadIndexConversation(reply)).toBe(bytes.toString('hex'));
    expect(threadIndexConversation(index)).toBe(bytes.toString('hex'));
    expect(threadIndexTicketId(threadIndexConversation(reply)!)).toBe(TICKET);
  });

  it.each([null, '', 'not base64 !', Buffer.alloc(10).toString('base64'), Buffer.alloc(24).toString('base64')])(
    'is not a conversation: %p',
    (value) => expect(threadIndexConversation(value)).toBeNull(),
  );
});
