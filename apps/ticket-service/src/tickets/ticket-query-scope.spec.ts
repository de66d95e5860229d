import { scopeCondition, TicketQueryScope } from './ticket-query-scope';

describe('scopeCondition', () => {
  const user = '00000000-0000-4000-8000-000000000001';
  const org = '00000000-0000-4000-8000-0000000000aa';
  const team = '00000000-0000-4000-8000-0000000000bb';

  it.each<[string, TicketQueryScope, { where: string; params: Record<string, unknown> } | null]>([
    ['hides nothing from unrestricted staff', { kind: 'staff', scope: { all: true, userId: user, teamIds: [] } }, null],
    [
      'limits team-scoped staff to their teams, the general queue, and what they are assigned or follow',
      { kind: 'staff', scope: { all: false, userId: user, teamIds: [team] } },
      {
        where:
          '(t.teamId IS NULL OR t.teamId = ANY(:scopeTeams) OR t.assigneeId = :scopeUser OR t.followerIds @> CAST(ARRAY[:scopeUser] AS uuid[]))',
        params: { scopeTeams: [team], scopeUser: user },
      },
    ],
    [
      'limits a customer to what they requested or follow',
      { kind: 'customer', userId: user, sharedOrganizationId: null },
      { where: '(t.requesterId = :scopeUser OR t.followerIds @> CAST(ARRAY[:scopeUser] AS uuid[]))', params: { scopeUser: user } },
    ],
    [
      'adds the organization’s tickets when it shares them',
      { kind: 'customer', userId: user, sharedOrganizationId: org },
      {
        where: '(t.requesterId = :scopeUser OR t.followerIds @> CAST(ARRAY[:scopeUser] AS uuid[]) OR t.organizationId = :scopeOrg)',
        params: { scopeUser: user, scopeOrg: org },
      },
    ],
  ])('%s', (_name, scope, expected) => {
    expect(scopeCondition(scope)).toEqual(expected);
  });
});
