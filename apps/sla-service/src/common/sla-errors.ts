import { Actor, ErrorCode, FieldError, isStaff, Role } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';

/** Writes to calendars and policies are for admins (the gateway checks it too). */
export function assertAdmin(actor: Actor, what: string): void {
  if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, `Only admins ${what}`);
}

/** Admins and supervisors (simulations of SLA policies); agents and customers do not. */
export function assertSupervisor(actor: Actor, what: string): void {
  if (actor.role !== Role.Admin && actor.role !== Role.Supervisor)
    throw new DomainError(ErrorCode.Forbidden, `Only admins and supervisors ${what}`);
}

/** Staff (agents, supervisors, admins) read calendars and policies; customers do not. */
export function assertStaff(actor: Actor, what: string): void {
  if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, `Only staff ${what}`);
}

/** A 422 naming the fields that refer to something that cannot be used (an unknown calendar). */
export function unprocessable(message: string, errors: FieldError[]): DomainError {
  return new DomainError(ErrorCode.UnprocessableEntity, message, { errors });
}

/** JSON with object keys sorted, to compare values that went through jsonb (which reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** A DTO instance as plain JSON data (no prototypes, no undefined members). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
