import { mergesAutomatically, duplicateKind, normalizeSubject, subjectsSimilar } from './duplicates';

describe(normalizeSubject.name, () => {
  it.each([
    ['RE: Fwd: La impresora NO imprime!', 'la impresora no imprime'],
    ['[HD-000123] Impresión fallida', 'impresion fallida'],
    ['RV: AW: Re[2]: VPN', 'vpn'],
    ['   ', ''],
  ])('%j -> %j', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });
});

describe(subjectsSimilar.name, () => {
  it.each([
    ['La impresora no imprime', 'RE: la impresora NO imprime', true],
    ['La impresora del piso 3 no imprime', 'La impresora del piso 3 no imprime hoy', true],
    ['La impresora no imprime', 'El correo no llega', false],
    ['VPN', 'VPN caída', false],
    ['Hola', 'Hola', true],
    ['', 'Hola', false],
  ])('%j ~ %j: %s', (a, b, expected) => {
    expect(subjectsSimilar(a, b)).toBe(expected);
  });
});

describe(duplicateKind.name, () => {
  const earlier = { subject: 'La impresora no imprime', description: 'Papel atascado' };

  it.each([
    ['the same message again', { subject: 'La impresora no imprime', description: 'Papel atascado' }, 'identical'],
    ['a reply-like subject with other words', { subject: 'RE: La impresora no imprime', description: 'Sigue igual' }, 'similar'],
    ['an unrelated request', { subject: 'Alta de usuario', description: 'Nuevo empleado' }, null],
  ])('%s is %s', (_name, incoming, expected) => {
    expect(duplicateKind(incoming, earlier)).toBe(expected);
  });
});

describe(mergesAutomatically.name, () => {
  it.each([
    ['flag', 'identical', false],
    ['flag', 'similar', false],
    ['merge-identical', 'identical', true],
    ['merge-identical', 'similar', false],
    ['merge', 'identical', true],
    ['merge', 'similar', true],
    ['merge', null, false],
  ] as const)('%s with a %s duplicate merges: %s', (action, kind, expected) => {
    expect(mergesAutomatically(action, kind)).toBe(expected);
  });
});
