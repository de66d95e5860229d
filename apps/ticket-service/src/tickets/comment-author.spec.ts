import { commentAuthorRole, isFirstResponse } from './comment-author';

const ticket = { requesterId: 'req' };

describe(commentAuthorRole.name, () => {
  it.each([
    [{ authorId: 'req', staff: false }, 'requester'],
    [{ authorId: 'req', staff: true }, 'requester'],
    [{ authorId: 'cc', staff: false }, 'end_user'],
    [{ authorId: 'agent', staff: true }, 'agent'],
    [{ authorId: 'agent', staff: true, automatic: true }, 'system'],
  ] as const)('%j → %s', (origin, expected) => {
    expect(commentAuthorRole(origin, ticket)).toBe(expected);
  });
});

describe(isFirstResponse.name, () => {
  const responded = new Date('2026-11-23T10:00:00Z');
  it.each([
    ['agent', true, null, true],
    ['agent', false, null, false],
    ['agent', true, responded, false],
    ['requester', true, null, false],
    ['end_user', true, null, false],
    ['system', true, null, false],
  ] as const)('%s, public %s, responded %s → %s', (role, isPublic, firstResponseAt, expected) => {
    expect(isFirstResponse(role, isPublic, { firstResponseAt })).toBe(expected);
  });
});
