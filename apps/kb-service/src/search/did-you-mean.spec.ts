import { didYouMean, similarity, trigrams } from './did-you-mean';

describe('trigrams', () => {
  it('pads like pg_trgm', () => {
    expect([...trigrams('cat')]).toEqual(['  c', ' ca', 'cat', 'at ']);
  });
});

describe('similarity', () => {
  it.each([
    ['impresora', 'impresora', 1],
    ['abc', 'xyz', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(similarity(a, b)).toBe(expected);
  });

  it('ranks a near spelling above a far one', () => {
    expect(similarity('imprsora', 'impresora')).toBeGreaterThan(similarity('imprsora', 'impresion'));
  });
});

describe('didYouMean', () => {
  it.each([
    ['imprsora', ['Impresora sin conexión'], 'impresora'],
    ['imprsora no imprme', ['La impresora no imprime'], 'impresora no imprime'],
    ['contrasna', ['Cambiar la contraseña'], 'contrasena'],
    ['impresora', ['Impresora sin conexión'], undefined],
    ['zzzz', ['Impresora sin conexión'], undefined],
    ['imprsora 3', [], undefined],
  ])('%j with titles %j → %j', (query, titles, expected) => {
    expect(didYouMean(query, titles)).toBe(expected);
  });
});
