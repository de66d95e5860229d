import { candidateDomains, emailDomain } from './email-domain';

describe(emailDomain.name, () => {
  it.each([
    ['ana@example.com', 'example.com'],
    ['Ana@Sub.Example.COM', 'sub.example.com'],
    ['odd@name@example.org', 'example.org'],
    ['no-at-sign', null],
    ['@example.com', null],
    ['trailing@', null],
  ])('%s -> %s', (email, expected) => {
    expect(emailDomain(email)).toBe(expected);
  });
});

describe(candidateDomains.name, () => {
  it.each([
    ['ana@example.com', ['example.com']],
    ['ana@it.madrid.acme.es', ['it.madrid.acme.es', 'madrid.acme.es', 'acme.es']],
    ['bad', []],
  ])('%s is looked up under %j', (email, expected) => {
    expect(candidateDomains(email)).toEqual(expected);
  });
});
