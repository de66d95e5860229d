import { requestHash } from './idempotency-store';

describe(requestHash.name, () => {
  it('is 64 lower-case hex characters', () => {
    expect(requestHash({ subject: 'Printer' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same body', () => {
    expect(requestHash({ subject: 'Printer', priority: 'high' })).toBe(requestHash({ subject: 'Printer', priority: 'high' }));
  });

  it('does not depend on key order', () => {
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
  });

  it('does not depend on key order of nested objects', () => {
    expect(requestHash({ requester: { email: 'a@x.io', name: 'Ana' }, n: 1 })).toBe(
      requestHash({ n: 1, requester: { name: 'Ana', email: 'a@x.io' } }),
    );
  });

  it('does not depend on key order of objects inside arrays', () => {
    expect(requestHash([{ a: 1, b: 2 }])).toBe(requestHash([{ b: 2, a: 1 }]));
  });

  it('keeps the order of arrays', () => {
    expect(requestHash({ tags: ['a', 'b'] })).not.toBe(requestHash({ tags: ['b', 'a'] }));
  });

  it.each<[unknown, unknown]>([
    [{ subject: 'Printer' }, { subject: 'printer' }],
    [{ n: 1 }, { n: '1' }],
    [{ a: { b: 1 } }, { a: { b: 2 } }],
    [{ a: null }, {}],
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      [1, 2],
      [1, 2, 3],
    ],
  ])('differs between %p and %p', (left, right) => {
    expect(requestHash(left)).not.toBe(requestHash(right));
  });

  it('hashes an absent body like null', () => {
    expect(requestHash(undefined)).toBe(requestHash(null));
  });
});
