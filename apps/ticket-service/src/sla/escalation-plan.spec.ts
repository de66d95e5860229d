import { EscalationActionDto, TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { escalationPlan, EscalationStep, PlanTeam, PlanTicket, raisedPriority } from './escalation-plan';

const TEAM = '11111111-1111-4111-8111-111111111111';
const OTHER_TEAM = '22222222-2222-4222-8222-222222222222';
const SUPERVISOR = '33333333-3333-4333-8333-333333333333';
const AGENT = '44444444-4444-4444-8444-444444444444';
const USER = '55555555-5555-4555-8555-555555555555';

const ticket = (over: Partial<PlanTicket> = {}): PlanTicket => ({
  status: TicketStatus.Open,
  priority: TicketPriority.Normal,
  tier: 1,
  teamId: TEAM,
  assigneeId: AGENT,
  ...over,
});
const team: PlanTeam = { id: TEAM, supervisorId: SUPERVISOR };
const act = (type: EscalationActionDto['type'], to?: string, extra: Partial<EscalationActionDto> = {}): EscalationActionDto => ({
  type,
  ...(to ? { to } : {}),
  ...extra,
});

describe(raisedPriority.name, () => {
  it.each([
    [TicketPriority.Low, TicketPriority.Normal],
    [TicketPriority.Normal, TicketPriority.High],
    [TicketPriority.High, TicketPriority.Urgent],
    [TicketPriority.Urgent, TicketPriority.Urgent],
  ])('raises %s to %s', (from, to) => {
    expect(raisedPriority(from)).toBe(to);
  });
});

describe(escalationPlan.name, () => {
  const cases: [string, PlanTicket, EscalationActionDto[], PlanTeam | null, EscalationStep[]][] = [
    [
      'reassigns to the team supervisor',
      ticket(),
      [act('reassign', 'team_supervisor')],
      team,
      [{ kind: 'update', action: 'reassign:team_supervisor', changes: { assigneeId: SUPERVISOR } }],
    ],
    [
      'skips reassigning to a supervisor the team lacks',
      ticket(),
      [act('reassign', 'team_supervisor')],
      { id: TEAM, supervisorId: null },
      [{ kind: 'skip', action: 'reassign:team_supervisor', reason: 'the ticket’s team has no supervisor' }],
    ],
    [
      'skips reassigning to the supervisor of a ticket without a team',
      ticket({ teamId: null }),
      [act('reassign', 'team_supervisor')],
      null,
      [{ kind: 'skip', action: 'reassign:team_supervisor', reason: 'the ticket has no team' }],
    ],
    [
      'skips reassigning to the supervisor who already has it',
      ticket({ assigneeId: SUPERVISOR }),
      [act('reassign', 'team_supervisor')],
      team,
      [{ kind: 'skip', action: 'reassign:team_supervisor', reason: 'the supervisor is already the assignee' }],
    ],
    [
      'moves the ticket to another team and clears the assignee',
      ticket(),
      [act('reassign', 'team', { teamId: OTHER_TEAM })],
      team,
      [{ kind: 'update', action: 'reassign:team', changes: { teamId: OTHER_TEAM, assigneeId: null } }],
    ],
    [
      'skips moving to the team the ticket is in',
      ticket(),
      [act('reassign', 'team', { teamId: TEAM })],
      team,
      [{ kind: 'skip', action: 'reassign:team', reason: 'the ticket is already in that team' }],
    ],
    [
      'escalates to the next tier',
      ticket({ tier: 2 }),
      [act('reassign', 'next_tier')],
      team,
      [{ kind: 'escalate', action: 'reassign:next_tier', toTier: 3 }],
    ],
    [
      'stops at the highest tier',
      ticket({ tier: 3 }),
      [act('reassign', 'next_tier')],
      team,
      [{ kind: 'skip', action: 'reassign:next_tier', reason: 'the ticket is already at the highest tier (3)' }],
    ],
    [
      'raises the priority one step',
      ticket({ priority: TicketPriority.High }),
      [act('raise_priority')],
      team,
      [{ kind: 'update', action: 'raise_priority', changes: { priority: TicketPriority.Urgent } }],
    ],
    [
      'leaves an urgent ticket urgent',
      ticket({ priority: TicketPriority.Urgent }),
      [act('raise_priority')],
      team,
      [{ kind: 'skip', action: 'raise_priority', reason: 'the priority is already urgent' }],
    ],
    [
      'raises twice when asked twice',
      ticket({ priority: TicketPriority.Low }),
      [act('raise_priority'), act('raise_priority')],
      team,
      [
        { kind: 'update', action: 'raise_priority', changes: { priority: TicketPriority.Normal } },
        { kind: 'update', action: 'raise_priority', changes: { priority: TicketPriority.High } },
      ],
    ],
    [
      'notifies the assignee, the supervisor and a named user',
      ticket(),
      [act('notify', 'assignee'), act('notify', 'team_supervisor'), act('notify', 'user', { userId: USER })],
      team,
      [
        { kind: 'notify', action: 'notify:assignee', userIds: [AGENT] },
        { kind: 'notify', action: 'notify:team_supervisor', userIds: [SUPERVISOR] },
        { kind: 'notify', action: 'notify:user', userIds: [USER] },
      ],
    ],
    [
      'skips notifying an assignee the ticket lacks',
      ticket({ assigneeId: null }),
      [act('notify', 'assignee')],
      team,
      [{ kind: 'skip', action: 'notify:assignee', reason: 'the ticket has no assignee' }],
    ],
    ['leaves webhooks to sla-service', ticket(), [act('notify', 'webhook', { url: 'https://hooks.example.com/sla' })], team, []],
    [
      'notifies the new assignee after a reassignment to the supervisor',
      ticket(),
      [act('reassign', 'team_supervisor'), act('notify', 'assignee')],
      team,
      [
        { kind: 'update', action: 'reassign:team_supervisor', changes: { assigneeId: SUPERVISOR } },
        { kind: 'notify', action: 'notify:assignee', userIds: [SUPERVISOR] },
      ],
    ],
    [
      'does nothing to a closed ticket',
      ticket({ status: TicketStatus.Closed }),
      [act('raise_priority'), act('reassign', 'team_supervisor'), act('notify', 'assignee')],
      team,
      [],
    ],
  ];

  it.each(cases)('%s', (_name, t, actions, tm, expected) => {
    expect(escalationPlan(t, actions, tm)).toEqual(expected);
  });
});
