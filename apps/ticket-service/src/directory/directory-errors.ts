import { ErrorCode, FieldError } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';

/** A 422 naming the fields whose values refer to something that cannot be used. */
export function unprocessable(message: string, errors: FieldError[]): DomainError {
  return new DomainError(ErrorCode.UnprocessableEntity, message, { errors });
}

export function adminOnly(what: string): DomainError {
  return new DomainError(ErrorCode.Forbidden, `Only admins ${what}`);
}

export function staffOnly(what: string): DomainError {
  return new DomainError(ErrorCode.Forbidden, `Only staff ${what}`);
}

/** PostgreSQL's unique_violation */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return code === '23505';
}
