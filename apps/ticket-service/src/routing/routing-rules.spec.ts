import { Channel, TicketPriority, TicketType } from '@helpdesk/contracts';
import { containsKeyword, firstMatchingRule, foldText, RoutableTicket, RoutingRuleLike, ruleMatches } from './routing-rules';

const ticket: RoutableTicket = {
  channel: Channel.Email,
  type: TicketType.Incident,
  priority: TicketPriority.High,
  organizationId: 'org-1',
  tags: ['vip', 'printer'],
  subject: 'La impresora del piso 3',
  description: 'Muestra "papel atascado" desde la mañana',
  customFields: { printer_model: 'laserjet_4000', areas: ['finance', 'legal'], floor: 3 },
};

describe(ruleMatches.name, () => {
  it.each([
    ['no conditions', {}, true],
    ['its channel', { channels: [Channel.Email, Channel.Chat] }, true],
    ['another channel', { channels: [Channel.Phone] }, false],
    ['its type', { types: [TicketType.Incident] }, true],
    ['another type', { types: [TicketType.Question] }, false],
    ['its priority', { priorities: [TicketPriority.High, TicketPriority.Urgent] }, true],
    ['another priority', { priorities: [TicketPriority.Low] }, false],
    ['its organization', { organizationIds: ['org-1'] }, true],
    ['another organization', { organizationIds: ['org-2'] }, false],
    ['one of its tags', { tagsAny: ['network', 'printer'] }, true],
    ['none of its tags', { tagsAny: ['network'] }, false],
    ['a keyword without its accent', { keywords: ['impresion', 'impresora'] }, true],
    ['a phrase in the description', { keywords: ['papel atascado'] }, true],
    ['a keyword that is only part of a word', { keywords: ['piso3', 'impres'] }, false],
    ['its custom field option', { customFields: [{ key: 'printer_model', values: ['laserjet_4000', 'other'] }] }, true],
    ['another custom field option', { customFields: [{ key: 'printer_model', values: ['inkjet'] }] }, false],
    ['one of its multiselect options', { customFields: [{ key: 'areas', values: ['legal'] }] }, true],
    ['a number field', { customFields: [{ key: 'floor', values: [3] }] }, true],
    ['a custom field it lacks', { customFields: [{ key: 'warranty', values: [true] }] }, false],
    [
      'every custom field condition',
      {
        customFields: [
          { key: 'floor', values: [3] },
          { key: 'areas', values: ['hr'] },
        ],
      },
      false,
    ],
    ['all conditions at once', { channels: [Channel.Email], tagsAny: ['vip'], keywords: ['MAÑANA'] }, true],
    ['one condition failing', { channels: [Channel.Email], tagsAny: ['nope'] }, false],
  ])('a rule on %s matches: %s', (_name, conditions, expected) => {
    expect(ruleMatches(ticket, conditions)).toBe(expected);
  });

  it('does not match a type or organization condition when the ticket has none', () => {
    expect(ruleMatches({ ...ticket, type: null }, { types: [TicketType.Incident] })).toBe(false);
    expect(ruleMatches({ ...ticket, organizationId: null }, { organizationIds: ['org-1'] })).toBe(false);
  });
});

describe(firstMatchingRule.name, () => {
  const rule = (id: string, position: number, conditions: object, active = true): RoutingRuleLike => ({
    id,
    name: id,
    position,
    active,
    conditions,
    teamId: `team-${id}`,
  });

  it('takes the first matching active rule by position', () => {
    const rules = [
      rule('late', 20, {}),
      rule('inactive', 1, {}, false),
      rule('early', 10, { tagsAny: ['vip'] }),
      rule('miss', 5, { tagsAny: ['x'] }),
    ];
    expect(firstMatchingRule(ticket, rules)?.id).toBe('early');
  });

  it('answers null when nothing matches', () => {
    expect(firstMatchingRule(ticket, [rule('miss', 1, { channels: [Channel.Sms] })])).toBeNull();
  });
});

describe(foldText.name, () => {
  it('lower-cases and drops accents', () => {
    expect(foldText('Impresión AÑO Über')).toBe('impresion ano uber');
  });
});

describe(containsKeyword.name, () => {
  it.each([
    ['vpn caida', 'vpn', true],
    ['la vpn-caida', 'caida', true],
    ['vpnx', 'vpn', false],
    ['', 'vpn', false],
    ['cualquier cosa', '   ', false],
    ['c++ falla', 'c++', true],
  ])('%j contains %j: %s', (text, keyword, expected) => {
    expect(containsKeyword(text, keyword)).toBe(expected);
  });
});
