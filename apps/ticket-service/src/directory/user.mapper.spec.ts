import { nameFromEmail } from './user.mapper';

describe(nameFromEmail.name, () => {
  it.each([
    ['ana.perez@example.com', 'ana.perez'],
    ['Luis@Example.COM', 'Luis'],
    ['a+tag@x.io', 'a+tag'],
    ['no-at-sign', 'no-at-sign'],
    ['@example.com', '@example.com'],
  ])('names %p as %p', (email, expected) => {
    expect(nameFromEmail(email)).toBe(expected);
  });
});
