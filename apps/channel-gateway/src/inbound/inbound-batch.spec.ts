import { batchPlan } from './inbound-batch';

describe('batchPlan', () => {
  const plan = (keys: string[]) => {
    const { first, repeats } = batchPlan(keys.map((key, index) => ({ key, index })));
    return { first: first.map((e) => `${e.key}#${e.index}`), repeats: repeats.map((e) => `${e.key}#${e.index}`) };
  };

  it.each([
    { keys: [], first: [], repeats: [] },
    { keys: ['a'], first: ['a#0'], repeats: [] },
    { keys: ['a', 'b', 'c'], first: ['a#0', 'b#1', 'c#2'], repeats: [] },
    { keys: ['a', 'a'], first: ['a#0'], repeats: ['a#1'] },
    { keys: ['a', 'b', 'a', 'c', 'b', 'a'], first: ['a#0', 'b#1', 'c#3'], repeats: ['a#2', 'b#4', 'a#5'] },
  ])('$keys → first $first, repeats $repeats', ({ keys, first, repeats }) => {
    expect(plan(keys)).toEqual({ first, repeats });
  });
});
