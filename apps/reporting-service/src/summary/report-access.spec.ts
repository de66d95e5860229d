import { Caller, Role } from '@helpdesk/contracts';
import { directoryReader, mayReadReports } from './report-access';

const person = (role: Role): Caller => ({ id: '00000000-0000-4000-8000-000000000001', role, email: 'a@b.c', name: 'A' });
const key = (scopes: string[]): Caller =>
  ({ kind: 'integration', id: '00000000-0000-4000-8000-000000000002', name: 'BI', scopes }) as Caller;

describe('mayReadReports', () => {
  it.each([
    ['an admin', person(Role.Admin), true],
    ['a supervisor', person(Role.Supervisor), true],
    ['an agent (reports are for supervisors and admins, as the gateway says)', person(Role.Agent), false],
    ['a customer', person(Role.Customer), false],
    ['a key with reports:read', key(['reports:read']), true],
    ['a key without scopes', key([]), false],
    ['a key with another scope', key(['tickets:read']), false],
  ])('%s → %s', (_label, caller, expected) => {
    expect(mayReadReports(caller)).toBe(expected);
  });
});

describe('directoryReader', () => {
  it('asks the directory as the person, or for a key as a supervisor named after it', () => {
    expect(directoryReader(person(Role.Admin))).toEqual(person(Role.Admin));
    expect(directoryReader(key(['reports:read']))).toEqual({
      id: '00000000-0000-4000-8000-000000000002',
      role: Role.Supervisor,
      email: 'api-key@helpdesk.invalid',
      name: 'API key: BI',
    });
  });
});
