import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '../errors/domain-error';
import { busRequestOutcome, methodLabel, routeLabel, UNMATCHED_ROUTE } from './labels';

describe(routeLabel.name, () => {
  it.each([
    ['/api/v1/tickets/:idOrNumber', '/api/v1/tickets/:idOrNumber'],
    ['/api/v1/tickets/', '/api/v1/tickets'],
    ['/', '/'],
    ['/docs/*', '/docs/*'],
    [undefined, UNMATCHED_ROUTE],
    ['', UNMATCHED_ROUTE],
  ])('labels the pattern %p as %p', (pattern, label) => {
    expect(routeLabel(pattern)).toBe(label);
  });
});

describe(methodLabel.name, () => {
  it('keeps the standard methods and folds any other into OTHER', () => {
    expect(['get', 'POST', 'Patch', 'DELETE', 'PROPFIND', 'BREW'].map(methodLabel)).toEqual([
      'GET',
      'POST',
      'PATCH',
      'DELETE',
      'OTHER',
      'OTHER',
    ]);
  });
});

describe(busRequestOutcome.name, () => {
  it('is ok without an error', () => {
    expect(busRequestOutcome()).toBe('ok');
  });

  it('is timeout when the responder did not answer in time', () => {
    expect(busRequestOutcome(new DomainError(ErrorCode.ServiceUnavailable, 'late', { subject: 'x', timeoutMs: 3000 }))).toBe('timeout');
  });

  it('is unavailable when nothing answered', () => {
    expect(busRequestOutcome(new DomainError(ErrorCode.ServiceUnavailable, 'nobody', { subject: 'x' }))).toBe('unavailable');
  });

  it('is error when the responder answered with an error', () => {
    expect(busRequestOutcome(DomainError.notFound('Ticket', '1'))).toBe('error');
    expect(busRequestOutcome(new Error('boom'))).toBe('error');
  });
});
