import { ApiKeyScope } from '@helpdesk/contracts';
import { scopeRefusal } from './scopes';

describe(scopeRefusal.name, () => {
  it.each<[string, ApiKeyScope[], ApiKeyScope[] | undefined, RegExp | null]>([
    ['a key holding the route’s scope', ['reports:read'], ['reports:read'], null],
    ['a key without the route’s scope', [], ['reports:read'], /lacks the scope reports:read/],
    ['a route without scopes', ['reports:read'], undefined, /lacks the scope for this route/],
    ['a route with an empty scope list', ['reports:read'], [], /lacks the scope for this route/],
  ])('%s', (_label, held, required, expected) => {
    const refusal = scopeRefusal(held, required);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});
