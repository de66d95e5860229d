import { helpdeskMessageId, messageIdList, normalizeMessageId, ticketOfHelpdeskMessageId } from './message-ids';

const TICKET = '3f2b8c1e-9a7d-4e3b-8c6f-0a1b2c3d4e5f';

describe('normalizeMessageId', () => {
  it.each([
    ['<Abc.123@Mail.Example.COM>', '<abc.123@mail.example.com>'],
    ['  <a@b>  ', '<a@b>'],
    ['a@b', '<a@b>'],
    ['(comment) <x@y>', '<x@y>'],
    ['', null],
    [null, null],
    ['not an id', null],
  ])('%p → %p', (value, expected) => expect(normalizeMessageId(value)).toBe(expected));
});

describe('messageIdList', () => {
  it('keeps the order, drops repeats and junk between ids', () => {
    expect(messageIdList('<a@x> <B@x>\r\n <c@x> <a@x> junk')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(messageIdList(['<a@x>', '<b@x>'])).toEqual(['<a@x>', '<b@x>']);
    expect(messageIdList(undefined)).toEqual([]);
  });
});

describe('helpdesk Message-IDs', () => {
  it('carry the ticket and are recognized only by the same instance', () => {
    const id = helpdeskMessageId(TICKET, 'k3x9q2w7p1m4', 'Acme.test');
    expect(id).toMatch(/^<hd\.3f2b8c1e9a7d4e3b8c6f0a1b2c3d4e5f\.[0-9a-f]{12}\.k3x9q2w7p1m4@acme\.test>$/);
    expect(ticketOfHelpdeskMessageId(id, 'k3x9q2w7p1m4')).toBe(TICKET);
    expect(ticketOfHelpdeskMessageId(id.toUpperCase(), 'k3x9q2w7p1m4')).toBe(TICKET);
    expect(ticketOfHelpdeskMessageId(id, 'otherinstance')).toBeNull();
    expect(ticketOfHelpdeskMessageId('<CAF=abc@mail.gmail.com>', 'k3x9q2w7p1m4')).toBeNull();
    expect(helpdeskMessageId(TICKET, 'i', 'd')).not.toBe(helpdeskMessageId(TICKET, 'i', 'd'));
  });
});
