import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SummaryRequest } from '../reports/summary.dto';
import { isIntegration, isStaff } from './actor';
import { ActorCommand } from './command';
import { Role } from './enums';

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true };
const person = { id: '00000000-0000-4000-8000-000000000001', role: 'admin', email: 'admin@helpdesk.local', name: 'Admin' };
const integration = { kind: 'integration', id: '00000000-0000-4000-8000-000000000002', name: 'Power BI', scopes: ['reports:read'] };

function errors(type: new () => object, plain: object): string[] {
  return validateSync(plainToInstance(type, plain), VALIDATION).flatMap(function flat(e): string[] {
    return [...Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`), ...(e.children ?? []).flatMap(flat)];
  });
}

describe('callers on the bus', () => {
  it('a command open to callers (reports) accepts a person and an integration', () => {
    expect(errors(SummaryRequest, { actor: person, query: {} })).toEqual([]);
    expect(errors(SummaryRequest, { actor: integration, query: {} })).toEqual([]);
  });

  it('an ordinary command refuses an integration, so a missing check fails closed', () => {
    expect(errors(ActorCommand, { actor: person })).toEqual([]);
    expect(errors(ActorCommand, { actor: integration })).not.toEqual([]);
  });

  it('an integration with an unknown scope, or a role, is refused', () => {
    expect(errors(SummaryRequest, { actor: { ...integration, scopes: ['tickets:write'] }, query: {} })).not.toEqual([]);
    expect(errors(SummaryRequest, { actor: { ...integration, role: 'admin' }, query: {} })).not.toEqual([]);
  });

  it('tells the two apart', () => {
    expect(isIntegration(integration as never)).toBe(true);
    expect(isIntegration(person as never)).toBe(false);
  });

  it.each([
    [Role.Admin, true],
    [Role.Supervisor, true],
    [Role.Agent, true],
    [Role.Customer, false],
    [undefined, false],
  ])('isStaff(%s) → %s (fail-closed)', (role, expected) => {
    expect(isStaff({ ...person, role } as never)).toBe(expected);
  });
});
