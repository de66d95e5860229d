import { BusErrorBody, ErrorCode, FieldError, isErrorCode } from '@helpdesk/contracts';
import { HttpException, HttpStatus } from '@nestjs/common';
import { ValidationError } from 'class-validator';

/** An error with a stable code. Raised by services, carried by the bus, mapped to HTTP at the gateway. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} ${id} was not found`, { resource: what, id });
  }

  static validation(errors: FieldError[]): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, 'The request is not valid', { errors });
  }

  toBody(): BusErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** One entry per invalid field, with dotted paths for nested ones (`requester.email`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BadRequest,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.RouteNotFound,
  [HttpStatus.METHOD_NOT_ALLOWED]: ErrorCode.MethodNotAllowed,
  [HttpStatus.CONFLICT]: ErrorCode.Conflict,
  [HttpStatus.PRECONDITION_FAILED]: ErrorCode.PreconditionFailed,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.URI_TOO_LONG]: ErrorCode.UriTooLong,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UnsupportedMediaType,
  [HttpStatus.UNPROCESSABLE_ENTITY]: ErrorCode.UnprocessableEntity,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.ServiceUnavailable,
};

export function codeForHttpStatus(status: number): ErrorCode | undefined {
  return HTTP_STATUS_CODES[status];
}

/** Any thrown value, as the `{ code, message, details }` that travels on the bus. */
export function toErrorBody(error: unknown): BusErrorBody {
  if (error instanceof DomainError) return error.toBody();
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { code: HTTP_STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest), message: error.message };
  }
  if (isBusErrorBody(error)) return error;
  return { code: ErrorCode.Internal, message: 'Internal error' };
}

export function isBusErrorBody(value: unknown): value is BusErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    isErrorCode((value as BusErrorBody).code) &&
    typeof (value as BusErrorBody).message === 'string'
  );
}
