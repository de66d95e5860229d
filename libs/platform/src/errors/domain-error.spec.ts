import { ErrorCode } from '@helpdesk/contracts';
import { ConflictException, ForbiddenException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { DomainError, flattenValidationErrors, isBusErrorBody, toErrorBody } from './domain-error';

function validationError(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe(flattenValidationErrors.name, () => {
  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });

  it('gives one entry per constraint of a field', () => {
    const errors = [validationError('subject', { isNotEmpty: 'subject should not be empty', maxLength: 'subject is too long' })];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'subject', message: 'subject should not be empty' },
      { field: 'subject', message: 'subject is too long' },
    ]);
  });

  it('gives nested fields dotted paths', () => {
    const errors = [validationError('requester', undefined, [validationError('email', { isEmail: 'email must be an email' })])];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'requester.email', message: 'email must be an email' }]);
  });

  it('follows several levels of nesting', () => {
    const errors = [validationError('a', undefined, [validationError('b', undefined, [validationError('c', { x: 'bad c' })])])];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'a.b.c', message: 'bad c' }]);
  });

  it('lists a parent constraint before its children', () => {
    const errors = [
      validationError('changes', { isObject: 'changes must be an object' }, [validationError('status', { isEnum: 'bad status' })]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'changes', message: 'changes must be an object' },
      { field: 'changes.status', message: 'bad status' },
    ]);
  });

  it('prefixes every path with the given parent', () => {
    expect(flattenValidationErrors([validationError('name', { x: 'bad' })], 'body')).toEqual([{ field: 'body.name', message: 'bad' }]);
  });
});

describe(toErrorBody.name, () => {
  it('uses the code, message and details of a DomainError', () => {
    expect(toErrorBody(new DomainError(ErrorCode.Conflict, 'taken', { key: 'k' }))).toEqual({
      code: ErrorCode.Conflict,
      message: 'taken',
      details: { key: 'k' },
    });
  });

  it('leaves details out when a DomainError has none', () => {
    expect(toErrorBody(new DomainError(ErrorCode.Forbidden, 'no'))).toEqual({ code: ErrorCode.Forbidden, message: 'no' });
  });

  it.each<[HttpException, ErrorCode]>([
    [new UnauthorizedException(), ErrorCode.Unauthenticated],
    [new ForbiddenException(), ErrorCode.Forbidden],
    [new NotFoundException(), ErrorCode.RouteNotFound],
    [new ConflictException(), ErrorCode.Conflict],
    [new HttpException('x', 412), ErrorCode.PreconditionFailed],
    [new HttpException('x', 429), ErrorCode.RateLimited],
    [new HttpException('x', 503), ErrorCode.ServiceUnavailable],
    [new HttpException('x', 418), ErrorCode.BadRequest],
    [new HttpException('x', 502), ErrorCode.Internal],
  ])('maps %p to %s', (error, code) => {
    expect(toErrorBody(error)).toEqual({ code, message: error.message });
  });

  it('passes a bus error body through', () => {
    const body = { code: ErrorCode.NotFound, message: 'gone', details: { id: '1' } };
    expect(toErrorBody(body)).toBe(body);
  });

  it.each([[new Error('db password is hunter2')], ['boom'], [null]])(
    'hides anything else (%p) behind a generic internal error',
    (error) => {
      expect(toErrorBody(error)).toEqual({ code: ErrorCode.Internal, message: 'Internal error' });
    },
  );
});

describe(isBusErrorBody.name, () => {
  it('accepts a known code with a message', () => {
    expect(isBusErrorBody({ code: ErrorCode.Internal, message: 'x' })).toBe(true);
  });

  it('accepts a DomainError', () => {
    expect(isBusErrorBody(new DomainError(ErrorCode.Forbidden, 'no'))).toBe(true);
  });

  it.each([
    [null],
    [undefined],
    ['NOT_FOUND'],
    [{ code: 'NOPE', message: 'x' }],
    [{ code: ErrorCode.NotFound }],
    [{ code: ErrorCode.NotFound, message: 5 }],
    [{ message: 'x' }],
  ])('rejects %p', (value) => {
    expect(isBusErrorBody(value)).toBe(false);
  });
});

describe('isBusErrorBody (inherited property names are not codes)', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('rejects %s as a code', (code) => {
    expect(isBusErrorBody({ code, message: 'x' })).toBe(false);
  });
});
