/**
 * Stable error codes. Services raise them, the bus carries them as `{ code, message, details }`,
 * and the gateway maps them to HTTP statuses and RFC 9457 problem+json bodies.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  PreconditionFailed = 'PRECONDITION_FAILED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UriTooLong = 'URI_TOO_LONG',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  UnprocessableEntity = 'UNPROCESSABLE_ENTITY',
  InvalidTransition = 'INVALID_STATUS_TRANSITION',
  TicketClosed = 'TICKET_CLOSED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  SurveyExpired = 'SURVEY_EXPIRED',
  SurveyAnswered = 'SURVEY_ALREADY_ANSWERED',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.RouteNotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UriTooLong]: 414,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.UnprocessableEntity]: 422,
  [ErrorCode.InvalidTransition]: 422,
  [ErrorCode.TicketClosed]: 422,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.SurveyExpired]: 422,
  [ErrorCode.SurveyAnswered]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

/** Problem titles a person reads, in both first-class languages. */
export const ERROR_TITLES: Record<ErrorCode, { en: string; es: string }> = {
  [ErrorCode.ValidationFailed]: { en: 'The request is not valid', es: 'La solicitud no es válida' },
  [ErrorCode.BadRequest]: { en: 'Bad request', es: 'Solicitud incorrecta' },
  [ErrorCode.Unauthenticated]: { en: 'Authentication required', es: 'Se requiere autenticación' },
  [ErrorCode.Forbidden]: { en: 'Not allowed', es: 'No permitido' },
  [ErrorCode.NotFound]: { en: 'Not found', es: 'No encontrado' },
  [ErrorCode.RouteNotFound]: { en: 'No such route', es: 'La ruta no existe' },
  [ErrorCode.MethodNotAllowed]: { en: 'Method not allowed', es: 'Método no permitido' },
  [ErrorCode.Conflict]: { en: 'Conflict', es: 'Conflicto' },
  [ErrorCode.PreconditionFailed]: {
    en: 'The resource changed since you read it',
    es: 'El recurso cambió desde que lo leyó',
  },
  [ErrorCode.PayloadTooLarge]: { en: 'The request body is too large', es: 'El cuerpo de la solicitud es demasiado grande' },
  [ErrorCode.UriTooLong]: { en: 'The address is too long', es: 'La dirección es demasiado larga' },
  [ErrorCode.UnsupportedMediaType]: { en: 'Unsupported media type', es: 'Tipo de contenido no admitido' },
  [ErrorCode.UnprocessableEntity]: { en: 'The request cannot be processed', es: 'La solicitud no se puede procesar' },
  [ErrorCode.InvalidTransition]: { en: 'Invalid status transition', es: 'Transición de estado no válida' },
  [ErrorCode.TicketClosed]: { en: 'The ticket is closed', es: 'El ticket está cerrado' },
  [ErrorCode.IdempotencyKeyReused]: {
    en: 'The Idempotency-Key was already used for a different request',
    es: 'La clave Idempotency-Key ya se usó para otra solicitud',
  },
  [ErrorCode.SurveyExpired]: { en: 'This survey has expired', es: 'Esta encuesta ha caducado' },
  [ErrorCode.SurveyAnswered]: { en: 'This survey was already answered', es: 'Esta encuesta ya fue respondida' },
  [ErrorCode.RateLimited]: { en: 'Too many requests', es: 'Demasiadas solicitudes' },
  [ErrorCode.ServiceUnavailable]: { en: 'Service unavailable', es: 'Servicio no disponible' },
  [ErrorCode.Internal]: { en: 'Internal error', es: 'Error interno' },
};

/** One invalid field of a request. */
export interface FieldError {
  field: string;
  message: string;
}

/** The shape an error has on the bus. */
export interface BusErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_HTTP_STATUS, value);
}
