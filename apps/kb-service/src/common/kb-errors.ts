import { ErrorCode, FieldError } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';

export function forbidden(message: string): DomainError {
  return new DomainError(ErrorCode.Forbidden, message);
}

export function invalid(field: string, message: string): DomainError {
  return DomainError.validation([{ field, message }]);
}

/** A 422 naming the fields that refer to something that cannot be used (an unknown category). */
export function unprocessable(message: string, errors: FieldError[]): DomainError {
  return new DomainError(ErrorCode.UnprocessableEntity, message, { errors });
}

export function conflict(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(ErrorCode.Conflict, message, details);
}

export function stale(what: string, current: number, expected: number): DomainError {
  return new DomainError(ErrorCode.PreconditionFailed, `The ${what} is at version ${current}, not ${expected}`, {
    currentVersion: current,
  });
}
