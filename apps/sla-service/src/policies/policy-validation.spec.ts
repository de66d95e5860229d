import { EscalationActionDto } from '@helpdesk/contracts';
import { SlaPolicyDefinition, validatePolicyDefinition } from './policy-validation';

const valid: SlaPolicyDefinition = {
  calendarId: null,
  targets: { urgent: { firstResponse: { minutes: 30, businessHours: false } } },
  warningPercent: 75,
  pauseResolutionOn: ['pending', 'on_hold'] as SlaPolicyDefinition['pauseResolutionOn'],
  escalation: { levels: [] },
};
const CALENDAR = '00000000-0000-4000-8000-000000000001';
const level = (afterBreachMinutes: number, ...actions: Partial<EscalationActionDto>[]) => ({
  afterBreachMinutes,
  actions: (actions.length ? actions : [{ type: 'raise_priority' }]) as EscalationActionDto[],
});

const TEAM = '8f14e45f-ceea-467f-a0e6-5d1b9b1a4c21';

describe(validatePolicyDefinition.name, () => {
  it.each<[string, Partial<SlaPolicyDefinition>]>([
    ['calendar minutes without a calendar', {}],
    [
      'business minutes with a calendar',
      { calendarId: CALENDAR, targets: { normal: { resolution: { minutes: 480, businessHours: true } } } },
    ],
    [
      'every metric of every priority',
      {
        targets: Object.fromEntries(
          ['low', 'normal', 'high', 'urgent'].map((p) => [
            p,
            {
              firstResponse: { minutes: 1, businessHours: false },
              nextResponse: { minutes: 60, businessHours: false },
              resolution: { minutes: 525_600, businessHours: false },
            },
          ]),
        ),
      },
    ],
    ['warning at 1% and at 99%', { warningPercent: 1 }],
    ['warning at 99%', { warningPercent: 99 }],
    ['no pauses', { pauseResolutionOn: [] }],
    [
      'levels at breach and an hour later',
      {
        escalation: {
          levels: [
            level(0, { type: 'notify', to: 'assignee' }),
            level(60, { type: 'notify', to: 'team_supervisor' }, { type: 'raise_priority' }),
          ],
        },
      },
    ],
    [
      'every action shape',
      {
        escalation: {
          levels: [
            level(
              0,
              { type: 'notify', to: 'user', userId: CALENDAR },
              { type: 'notify', to: 'webhook', url: 'https://hooks.example.com/sla' },
              { type: 'reassign', to: 'team_supervisor' },
              { type: 'reassign', to: 'team', teamId: CALENDAR },
              { type: 'reassign', to: 'next_tier' },
            ),
          ],
        },
      },
    ],
  ])('accepts %s', (_name, changes) => {
    expect(validatePolicyDefinition({ ...valid, ...changes })).toEqual([]);
  });

  it.each<[string, Partial<SlaPolicyDefinition>, string[]]>([
    ['no targets at all', { targets: {} }, ['targets']],
    ['priorities without any metric', { targets: { low: {}, urgent: {} } }, ['targets']],
    ['negative minutes', { targets: { high: { resolution: { minutes: -5, businessHours: false } } } }, ['targets.high.resolution.minutes']],
    ['zero minutes', { targets: { low: { nextResponse: { minutes: 0, businessHours: false } } } }, ['targets.low.nextResponse.minutes']],
    [
      'fractional minutes',
      { targets: { low: { firstResponse: { minutes: 1.5, businessHours: false } } } },
      ['targets.low.firstResponse.minutes'],
    ],
    [
      'more than a year',
      { targets: { low: { resolution: { minutes: 525_601, businessHours: false } } } },
      ['targets.low.resolution.minutes'],
    ],
    [
      'business minutes without a calendar',
      { targets: { normal: { firstResponse: { minutes: 60, businessHours: true } } } },
      ['calendarId'],
    ],
    ['a warning at 0%', { warningPercent: 0 }, ['warningPercent']],
    ['a warning at 100%', { warningPercent: 100 }, ['warningPercent']],
    ['levels out of order', { escalation: { levels: [level(60), level(30)] } }, ['escalation.levels[1].afterBreachMinutes']],
    [
      'two levels at the same delay',
      { escalation: { levels: [level(0), level(60), level(60)] } },
      ['escalation.levels[2].afterBreachMinutes'],
    ],
    ['a level without actions', { escalation: { levels: [{ afterBreachMinutes: 0, actions: [] }] } }, ['escalation.levels[0].actions']],
    ['notify without a recipient', { escalation: { levels: [level(0, { type: 'notify' })] } }, ['escalation.levels[0].actions[0].to']],
    ['notify to a team', { escalation: { levels: [level(0, { type: 'notify', to: 'team' })] } }, ['escalation.levels[0].actions[0].to']],
    [
      'notify a user without userId',
      { escalation: { levels: [level(0, { type: 'notify', to: 'user' })] } },
      ['escalation.levels[0].actions[0].userId'],
    ],
    [
      'notify a webhook without url',
      { escalation: { levels: [level(0, { type: 'notify', to: 'webhook' })] } },
      ['escalation.levels[0].actions[0].url'],
    ],
    [
      'notify the assignee with a url',
      { escalation: { levels: [level(0, { type: 'notify', to: 'assignee', url: 'https://x.example' })] } },
      ['escalation.levels[0].actions[0].url'],
    ],
    [
      'reassign to a team without teamId',
      { escalation: { levels: [level(0, { type: 'reassign', to: 'team' })] } },
      ['escalation.levels[0].actions[0].teamId'],
    ],
    [
      'reassign to a webhook',
      { escalation: { levels: [level(0, { type: 'reassign', to: 'webhook' })] } },
      ['escalation.levels[0].actions[0].to'],
    ],
    [
      'raise priority with a recipient',
      { escalation: { levels: [level(0, { type: 'raise_priority', to: 'assignee' })] } },
      ['escalation.levels[0].actions[0].to'],
    ],
    ['an unknown action', { escalation: { levels: [level(0, { type: 'dance' as 'notify' })] } }, ['escalation.levels[0].actions[0].type']],
    [
      "a team's levels out of order",
      { escalation: { levels: [], teams: [{ teamId: TEAM, levels: [level(30), level(10)] }] } },
      ['escalation.teams[0].levels[1].afterBreachMinutes'],
    ],
    [
      'a team given levels twice',
      {
        escalation: {
          levels: [],
          teams: [
            { teamId: TEAM, levels: [level(0)] },
            { teamId: TEAM, levels: [level(0)] },
          ],
        },
      },
      ['escalation.teams[1].teamId'],
    ],
    [
      "a team's notify to a webhook without its url",
      { escalation: { levels: [], teams: [{ teamId: TEAM, levels: [level(0, { type: 'notify', to: 'webhook' })] }] } },
      ['escalation.teams[0].levels[0].actions[0].url'],
    ],
    [
      'several problems at once, each on its field',
      { targets: { urgent: { firstResponse: { minutes: -1, businessHours: true } } }, warningPercent: 120 },
      ['targets.urgent.firstResponse.minutes', 'calendarId', 'warningPercent'],
    ],
  ])('refuses %s', (_name, changes, fields) => {
    expect(validatePolicyDefinition({ ...valid, ...changes }).map((e) => e.field)).toEqual(fields);
  });

  it('says which targets need the calendar', () => {
    const [error] = validatePolicyDefinition({
      ...valid,
      targets: { normal: { firstResponse: { minutes: 60, businessHours: true }, resolution: { minutes: 600, businessHours: true } } },
    });
    expect(error.message).toContain('targets.normal.firstResponse, targets.normal.resolution');
  });
});
