import { Channel, SlaConditionsDto, TicketPriority, TicketType } from '@helpdesk/contracts';
import { firstMatchingPolicy, policyMatches, SlaPolicyLike, SlaTicket } from './policy-matching';

const ticket: SlaTicket = {
  priority: TicketPriority.High,
  type: TicketType.Incident,
  organizationId: 'org-1',
  channel: Channel.Email,
  tags: ['vip', 'printer'],
  tier: 2,
};

describe(policyMatches.name, () => {
  it.each<[string, SlaConditionsDto, boolean]>([
    ['no conditions', {}, true],
    ['empty lists', { priorities: [], types: [], organizationIds: [], channels: [], tagsAny: [], tiers: [] }, true],
    ['its priority', { priorities: [TicketPriority.High, TicketPriority.Urgent] }, true],
    ['another priority', { priorities: [TicketPriority.Low] }, false],
    ['its type', { types: [TicketType.Incident] }, true],
    ['another type', { types: [TicketType.Question] }, false],
    ['its organization', { organizationIds: ['org-1'] }, true],
    ['another organization', { organizationIds: ['org-2'] }, false],
    ['its channel', { channels: [Channel.Chat, Channel.Email] }, true],
    ['another channel', { channels: [Channel.Phone] }, false],
    ['one of its tags', { tagsAny: ['network', 'vip'] }, true],
    ['none of its tags', { tagsAny: ['network'] }, false],
    ['its tier', { tiers: [2, 3] }, true],
    ['another tier', { tiers: [1] }, false],
    ['every condition holding', { priorities: [TicketPriority.High], channels: [Channel.Email], tagsAny: ['vip'], tiers: [2] }, true],
    ['all but one condition holding', { priorities: [TicketPriority.High], channels: [Channel.Email], tiers: [3] }, false],
  ])('%s → %s', (_name, conditions, expected) => {
    expect(policyMatches(ticket, conditions)).toBe(expected);
  });

  it.each<[string, SlaConditionsDto]>([
    ['a type', { types: [TicketType.Incident] }],
    ['an organization', { organizationIds: ['org-1'] }],
  ])('a ticket without %s does not meet a condition on it', (_name, conditions) => {
    expect(policyMatches({ ...ticket, type: null, organizationId: null }, conditions)).toBe(false);
  });
});

describe(firstMatchingPolicy.name, () => {
  const policy = (id: string, position: number, conditions: SlaConditionsDto, active = true, name = id): SlaPolicyLike => ({
    id,
    name,
    position,
    active,
    conditions,
  });

  it.each<[string, SlaPolicyLike[], string | null]>([
    ['no policies', [], null],
    ['none matching', [policy('a', 10, { tiers: [1] })], null],
    ['the lowest position, whatever the list order', [policy('late', 20, {}), policy('early', 10, {})], 'early'],
    [
      'the first match, skipping those that do not match',
      [policy('low', 10, { priorities: [TicketPriority.Low] }), policy('any', 20, {})],
      'any',
    ],
    ['an active one, skipping inactive matches', [policy('off', 10, {}, false), policy('on', 20, {})], 'on'],
    ['only inactive matches', [policy('off', 10, {}, false)], null],
    ['by name on equal positions', [policy('b', 10, {}, true, 'Beta'), policy('a', 10, {}, true, 'Alpha')], 'a'],
    ['a specific policy placed before a catch-all', [policy('vip', 5, { tagsAny: ['vip'] }), policy('default', 100, {})], 'vip'],
  ])('%s → %s', (_name, policies, expected) => {
    expect(firstMatchingPolicy(ticket, policies)?.id ?? null).toBe(expected);
  });
});
