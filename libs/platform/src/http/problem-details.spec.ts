import { ERROR_HTTP_STATUS, ErrorCode } from '@helpdesk/contracts';
import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { classify, preferredLanguage, toProblem } from './problem-details';

describe(preferredLanguage.name, () => {
  it.each<[string | undefined, 'es' | 'en']>([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['ES', 'es'],
    ['en', 'en'],
    ['es-MX,en;q=0.5', 'es'],
    ['en-US,es;q=0.9', 'en'],
    ['fr,es;q=0.8', 'es'],
    ['fr', 'en'],
    ['*', 'en'],
    ['en;q=0.1,es;q=0.9', 'es'],
    ['es;q=0.2, en;q=0.3', 'en'],
    ['de, fr;q=0.9, en;q=0.5, es;q=0.4', 'en'],
  ])('answers %p with %p', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});

describe(classify.name, () => {
  it.each(Object.values(ErrorCode))('maps a DomainError with code %s to its HTTP status', (code) => {
    const result = classify(new DomainError(code, 'what happened'));
    expect(result).toEqual({ code, status: ERROR_HTTP_STATUS[code], detail: 'what happened', details: undefined });
  });

  it('keeps the details of a DomainError', () => {
    const result = classify(DomainError.notFound('Ticket', 'HD-000001'));
    expect(result.details).toEqual({ resource: 'Ticket', id: 'HD-000001' });
  });

  it('maps an error body that came over the bus like a DomainError', () => {
    expect(classify({ code: ErrorCode.Conflict, message: 'taken' })).toEqual({
      code: ErrorCode.Conflict,
      status: 409,
      detail: 'taken',
      details: undefined,
    });
  });

  it('maps Nest NotFoundException to 404 ROUTE_NOT_FOUND', () => {
    expect(classify(new NotFoundException('Cannot GET /nope'))).toEqual({
      code: ErrorCode.RouteNotFound,
      status: 404,
      detail: 'No route matches this method and path',
    });
  });

  it('maps an HttpException with 413 to PAYLOAD_TOO_LARGE', () => {
    expect(classify(new HttpException('too big', 413))).toEqual({ code: ErrorCode.PayloadTooLarge, status: 413, detail: 'too big' });
  });

  it('maps Nest BadRequestException to 400 BAD_REQUEST with its message', () => {
    expect(classify(new BadRequestException('nope'))).toEqual({ code: ErrorCode.BadRequest, status: 400, detail: 'nope' });
  });

  it('maps a fastify invalid JSON body error to 400 BAD_REQUEST', () => {
    const error = Object.assign(new Error('Unexpected token } in JSON at position 7'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(classify(error)).toEqual({ code: ErrorCode.BadRequest, status: 400, detail: 'The request body is not valid JSON' });
  });

  it('maps a plain fastify-like object for an invalid JSON body to 400 BAD_REQUEST', () => {
    expect(classify({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400, message: 'Unexpected end' })).toMatchObject({
      code: ErrorCode.BadRequest,
      status: 400,
    });
  });

  it('maps a fastify body too large error to 413 PAYLOAD_TOO_LARGE', () => {
    const error = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(classify(error)).toEqual({ code: ErrorCode.PayloadTooLarge, status: 413, detail: 'Request body is too large' });
  });

  it('maps a fastify unsupported media type error to 415', () => {
    const error = Object.assign(new Error('Unsupported Media Type: text/csv'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    expect(classify(error)).toMatchObject({ code: ErrorCode.UnsupportedMediaType, status: 415 });
  });

  it('maps a JSON SyntaxError flagged 400 to BAD_REQUEST', () => {
    const error = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(classify(error)).toEqual({ code: ErrorCode.BadRequest, status: 400, detail: 'The request body is not valid JSON' });
  });

  it('maps another client error with a status code to that status', () => {
    const error = Object.assign(new Error('bad header'), { statusCode: 400 });
    expect(classify(error)).toEqual({ code: ErrorCode.BadRequest, status: 400, detail: 'bad header' });
  });

  it('maps a plain Error to 500 INTERNAL without leaking its message', () => {
    const result = classify(new Error('password authentication failed for user "helpdesk"'));
    expect(result.code).toBe(ErrorCode.Internal);
    expect(result.status).toBe(500);
    expect(result.detail).not.toContain('password');
    expect(result.detail).toBe('An unexpected error occurred; it has been logged');
  });

  it('maps a server error status code on a plain object to 500 INTERNAL', () => {
    expect(classify({ statusCode: 502, message: 'upstream' })).toMatchObject({ code: ErrorCode.Internal, status: 500 });
  });

  it.each([[undefined], [null], ['a string'], [42]])('maps the thrown value %p to 500 INTERNAL', (value) => {
    expect(classify(value)).toMatchObject({ code: ErrorCode.Internal, status: 500 });
  });

  it('maps Nest InternalServerErrorException to INTERNAL', () => {
    expect(classify(new InternalServerErrorException())).toMatchObject({ code: ErrorCode.Internal, status: 500 });
  });
});

describe(toProblem.name, () => {
  const request = (headers: Record<string, string> = {}, url = '/api/v1/tickets?status=open') => ({ url, headers });

  it('builds a problem with type, title, status, detail, code and request id', () => {
    expect(toProblem(DomainError.notFound('Ticket', 'HD-000009'), request({}, '/api/v1/tickets/HD-000009'), 'req-1')).toEqual({
      type: 'urn:helpdesk:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'Ticket HD-000009 was not found',
      code: ErrorCode.NotFound,
      instance: '/api/v1/tickets/HD-000009',
      requestId: 'req-1',
      resource: 'Ticket',
      id: 'HD-000009',
    });
  });

  it('moves validation errors to a top-level errors member', () => {
    const errors = [{ field: 'subject', message: 'subject should not be empty' }];
    const problem = toProblem(DomainError.validation(errors), request());
    expect(problem.errors).toEqual(errors);
    expect(problem).not.toHaveProperty('details');
  });

  it('answers in Spanish when the client prefers it', () => {
    const problem = toProblem(new DomainError(ErrorCode.TicketClosed, 'closed'), request({ 'accept-language': 'es-ES,es;q=0.9' }));
    expect(problem.title).toBe('El ticket está cerrado');
  });

  it('answers in English by default', () => {
    expect(toProblem(new DomainError(ErrorCode.TicketClosed, 'closed'), request()).title).toBe('The ticket is closed');
  });

  it('strips the query string from the instance', () => {
    expect(toProblem(new DomainError(ErrorCode.Forbidden, 'no'), request({}, '/api/v1/tickets?cursor=abc&limit=5')).instance).toBe(
      '/api/v1/tickets',
    );
  });

  it('omits instance and requestId when unknown', () => {
    const problem = toProblem(new DomainError(ErrorCode.Forbidden, 'no'), { headers: {} });
    expect(problem).not.toHaveProperty('instance');
    expect(problem).not.toHaveProperty('requestId');
  });

  it('does not let details overwrite the standard members', () => {
    const problem = toProblem(new DomainError(ErrorCode.Conflict, 'taken', { status: 200, code: 'X', currentVersion: 4 }), request());
    expect(problem.status).toBe(409);
    expect(problem.code).toBe(ErrorCode.Conflict);
    expect(problem.currentVersion).toBe(4);
  });

  it('hides the message of an unexpected error', () => {
    const problem = toProblem(new Error('secret stack detail'), request());
    expect(problem).toMatchObject({
      status: 500,
      code: ErrorCode.Internal,
      type: 'urn:helpdesk:problem:internal',
      title: 'Internal error',
    });
    expect(JSON.stringify(problem)).not.toContain('secret stack detail');
  });
});

describe('preferredLanguage (weights)', () => {
  it.each([
    ['fr, es;q=0', 'en'],
    ['es; q=0.5, en;q=0.8', 'en'],
    ['en;q=0, es', 'es'],
  ])('%s -> %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});

describe('classify (framework errors with a status)', () => {
  it('keeps the code and status in agreement for a 405-like error', () => {
    const error = Object.assign(new Error('nope'), { statusCode: 405 });
    expect(classify(error)).toMatchObject({ code: 'METHOD_NOT_ALLOWED', status: 405 });
  });
});
