import { KbVisibility } from '@helpdesk/contracts';
import { EMPTY_CONTENT } from './article-fields';
import { diffRevisions } from './revision-diff';

const content = (changes: Partial<typeof EMPTY_CONTENT>) => ({
  ...EMPTY_CONTENT,
  title: 'Impresora',
  body: 'Paso 1\nPaso 2\n',
  ...changes,
});
const field = (name: string, from = content({}), to = content({})) => diffRevisions(from, to).find((f) => f.field === name)!;

describe('diffRevisions', () => {
  it('marks unchanged fields as one equal part', () => {
    expect(field('title')).toEqual({ field: 'title', changed: false, parts: [{ op: 'equal', text: 'Impresora' }] });
  });

  it.each([
    [
      'a line added to the body',
      'Paso 1\nPaso 2\n',
      'Paso 1\nPaso 2\nPaso 3\n',
      [
        ['equal', 'Paso 1\nPaso 2\n'],
        ['added', 'Paso 3\n'],
      ],
    ],
    [
      'a line changed in the body',
      'Paso 1\nPaso 2\n',
      'Paso 1\nPaso dos\n',
      [
        ['equal', 'Paso 1\n'],
        ['removed', 'Paso 2\n'],
        ['added', 'Paso dos\n'],
      ],
    ],
    [
      'a line removed from the body',
      'A\nB\nC\n',
      'A\nC\n',
      [
        ['equal', 'A\n'],
        ['removed', 'B\n'],
        ['equal', 'C\n'],
      ],
    ],
  ])('%s', (_name, before, after, expected) => {
    const diff = field('body', content({ body: before }), content({ body: after }));
    expect(diff.changed).toBe(true);
    expect(diff.parts.map((p) => [p.op, p.text])).toEqual(expected);
  });

  it('diffs the title word by word', () => {
    const diff = field('title', content({ title: 'Configurar la impresora' }), content({ title: 'Configurar la impresora de red' }));
    expect(diff.parts).toEqual([
      { op: 'equal', text: 'Configurar la impresora' },
      { op: 'added', text: ' de red' },
    ]);
  });

  it('shows tag and visibility changes', () => {
    const from = content({ tags: ['wifi'] });
    const to = content({ tags: ['wifi', 'vpn'], visibility: KbVisibility.Public });
    expect(field('tags', from, to).changed).toBe(true);
    expect(field('visibility', from, to).parts).toEqual([
      { op: 'removed', text: 'internal' },
      { op: 'added', text: 'public' },
    ]);
  });
});
