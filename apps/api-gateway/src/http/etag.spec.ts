import { matchesIfNoneMatch, parseIfMatch, versionEtag } from './etag';

describe(versionEtag.name, () => {
  it.each([
    [1, '"1"'],
    [42, '"42"'],
  ])('makes a strong etag from version %p', (version, expected) => {
    expect(versionEtag(version)).toBe(expected);
  });
});

describe(parseIfMatch.name, () => {
  it.each([[undefined], [''], ['   ']])('reads %p as absent', (header) => {
    expect(parseIfMatch(header)).toEqual({ kind: 'absent' });
  });

  it('reads * as any version', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
  });

  it('reads a strong etag as its version', () => {
    expect(parseIfMatch('"3"')).toEqual({ kind: 'versions', versions: [3] });
  });

  it('reads a weak etag as its version', () => {
    expect(parseIfMatch('W/"3"')).toEqual({ kind: 'versions', versions: [3] });
  });

  it('reads a list of etags in order', () => {
    expect(parseIfMatch('"1", "2"')).toEqual({ kind: 'versions', versions: [1, 2] });
  });

  it('reads a list mixing weak and strong etags', () => {
    expect(parseIfMatch('W/"7",  "8" ')).toEqual({ kind: 'versions', versions: [7, 8] });
  });

  it.each([['garbage'], ['"abc"'], ['3'], ['"1", garbage'], ['"1",'], ['"-1"'], ['"1234567890"'], ['w/"3"']])(
    'reads %p as unparsable',
    (header) => {
      expect(parseIfMatch(header)).toEqual({ kind: 'unparsable' });
    },
  );
});

describe(matchesIfNoneMatch.name, () => {
  it('does not match when the header is absent', () => {
    expect(matchesIfNoneMatch(undefined, 3)).toBe(false);
  });

  it('does not match an empty header', () => {
    expect(matchesIfNoneMatch('', 3)).toBe(false);
  });

  it('matches * for any version', () => {
    expect(matchesIfNoneMatch('*', 3)).toBe(true);
  });

  it('matches the strong etag of the current version', () => {
    expect(matchesIfNoneMatch('"3"', 3)).toBe(true);
  });

  it('matches the weak etag of the current version', () => {
    expect(matchesIfNoneMatch('W/"3"', 3)).toBe(true);
  });

  it('matches when the current version is anywhere in a list', () => {
    expect(matchesIfNoneMatch('"1", W/"3", "5"', 3)).toBe(true);
  });

  it('does not match another version', () => {
    expect(matchesIfNoneMatch('"2", "4"', 3)).toBe(false);
  });

  it('does not match a version that only shares a prefix', () => {
    expect(matchesIfNoneMatch('"33"', 3)).toBe(false);
  });
});
