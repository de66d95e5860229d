import { ChannelType } from '@helpdesk/contracts';
import { replyTransport, subscriptionMatches } from './event-matching';

describe('subscriptionMatches', () => {
  it('takes the events a subscription lists', () => {
    expect(subscriptionMatches(['ticket.created', 'sla.breached'], 'sla.breached')).toBe(true);
  });

  it('leaves the events it does not list', () => {
    expect(subscriptionMatches(['ticket.created'], 'ticket.updated')).toBe(false);
    expect(subscriptionMatches(['ticket.*'], 'ticket.updated')).toBe(false);
  });

  it('takes every event with *', () => {
    expect(subscriptionMatches(['*'], 'sla.warning')).toBe(true);
  });
});

describe('replyTransport', () => {
  it.each([
    [ChannelType.Chat, 'http'],
    [ChannelType.Twilio, 'http'],
    [ChannelType.Email, 'smtp'],
    [ChannelType.Cti, null],
    [ChannelType.Form, null],
  ])('sends %s replies by %s', (type, transport) => {
    expect(replyTransport(type)).toBe(transport);
  });
});
