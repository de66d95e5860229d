import { ERROR_HTTP_STATUS, ERROR_TITLES, ErrorCode, FieldError } from '@helpdesk/contracts';
import { HttpException, HttpStatus } from '@nestjs/common';
import { codeForHttpStatus, DomainError, isBusErrorBody, toErrorBody } from '../errors/domain-error';

/** An RFC 9457 problem details body, with the stable `code` and the request id as extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.BadRequest,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.BadRequest,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.BadRequest,
  FST_ERR_BAD_URL: ErrorCode.BadRequest,
  FST_ERR_MAX_PARAM_LENGTH: ErrorCode.UriTooLong,
};

function typeUri(code: ErrorCode): string {
  return `urn:helpdesk:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function preferredLanguage(acceptLanguage: string | undefined): 'es' | 'en' {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.split(';').map((p) => p.trim());
      const q = params.find((p) => /^q\s*=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.split('=')[1]);
      return { tag: tag.toLowerCase(), q: Number.isFinite(weight) ? weight : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Classifies anything thrown while serving HTTP into a code, a status and a detail a client can use. */
export function classify(error: unknown): { code: ErrorCode; status: number; detail: string; details?: Record<string, unknown> } {
  if (error instanceof DomainError || isBusErrorBody(error)) {
    const body = toErrorBody(error);
    return { code: body.code, status: ERROR_HTTP_STATUS[body.code], detail: body.message, details: body.details };
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_CODES) {
    const code = FASTIFY_CODES[fastifyCode];
    const detail =
      code === ErrorCode.BadRequest && fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? 'The request body is not valid JSON'
        : (error as Error).message;
    return { code, status: ERROR_HTTP_STATUS[code], detail };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { code: ErrorCode.BadRequest, status: 400, detail: 'The request body is not valid JSON' };
  }
  if (error instanceof HttpException) {
    const body = toErrorBody(error);
    const status = error.getStatus();
    const detail = status === Number(HttpStatus.NOT_FOUND) ? 'No route matches this method and path' : error.message;
    return { code: body.code, status, detail };
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = codeForHttpStatus(statusCode) ?? ErrorCode.BadRequest;
    return { code, status: ERROR_HTTP_STATUS[code], detail: (error as Error).message };
  }
  return { code: ErrorCode.Internal, status: 500, detail: 'An unexpected error occurred; it has been logged' };
}

export function toProblem(
  error: unknown,
  request: { url?: string; headers: Record<string, string | string[] | undefined> },
  requestId?: string,
): ProblemDetails {
  const { code, status, detail, details } = classify(error);
  const language = preferredLanguage(request.headers['accept-language'] as string | undefined);
  const problem: ProblemDetails = {
    type: typeUri(code),
    title: ERROR_TITLES[code][language],
    status,
    detail,
    code,
    ...(request.url ? { instance: request.url.split('?')[0] } : {}),
    ...(requestId ? { requestId } : {}),
  };
  if (details) {
    const { errors, ...rest } = details as { errors?: FieldError[] };
    if (errors) problem.errors = errors;
    Object.assign(problem, Object.fromEntries(Object.entries(rest).filter(([k]) => !(k in problem))));
  }
  return problem;
}
