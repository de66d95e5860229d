import { Role } from '@helpdesk/contracts';
import { staffFieldErrors } from './users.service';

describe(staffFieldErrors.name, () => {
  it.each([
    [Role.Agent, { tier: 2, skills: ['sap'], capacity: 10 }, []],
    [Role.Customer, {}, []],
    [Role.Customer, { tier: null, skills: [], capacity: null }, []],
    [Role.Customer, { tier: 1 }, ['tier']],
    [Role.Customer, { skills: ['sap'], capacity: 3 }, ['skills', 'capacity']],
  ])('a %s with %j is wrong about %j', (role, fields, expected) => {
    expect(staffFieldErrors(role, fields as never).map((e) => e.field)).toEqual(expected);
  });
});
