import { StaffScope, staffMaySee } from './ticket-access';

describe(staffMaySee.name, () => {
  const restricted: StaffScope = { all: false, userId: 'me', teamIds: ['mine'] };
  const ticket = (teamId: string | null, assigneeId: string | null = null, followerIds: string[] = []) => ({
    teamId,
    assigneeId,
    followerIds,
  });

  it.each([
    ['everything when unrestricted', { ...restricted, all: true }, ticket('other'), true],
    ['a ticket of their team', restricted, ticket('mine'), true],
    ['a ticket in no team (the general queue)', restricted, ticket(null), true],
    ['another team’s ticket assigned to them', restricted, ticket('other', 'me'), true],
    ['another team’s ticket they follow', restricted, ticket('other', 'someone', ['me']), true],
    ['another team’s ticket', restricted, ticket('other', 'someone', ['you']), false],
    ['any team’s ticket when in no team', { ...restricted, teamIds: [] }, ticket('mine'), false],
  ])('sees %s: %s', (_name, scope, t, expected) => {
    expect(staffMaySee(scope, t)).toBe(expected);
  });
});
