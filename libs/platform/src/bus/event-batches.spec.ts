import { EventBatcher, takesBatches } from './event-batches';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EventBatcher', () => {
  it('hands the first item over at once and then everything that arrived meanwhile, in order, at most maxBatch at a time', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const batcher = new EventBatcher<number>(3, async (batch) => {
      batches.push(batch);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    await batcher.add(0);
    for (const n of [1, 2, 3, 4]) await batcher.add(n);
    await tick();
    expect(batches).toEqual([[0]]);
    release();
    await batcher.idle();
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  it('makes a producer wait while twice maxBatch items are queued', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new EventBatcher<number>(2, () => gate);
    await batcher.add(0); // taken by the first batch, which waits on the gate
    for (const n of [1, 2, 3, 4]) await batcher.add(n);
    let added = false;
    const fifth = batcher.add(5).then(() => (added = true));
    await tick();
    expect(added).toBe(false);
    release();
    await fifth;
    expect(added).toBe(true);
    await batcher.idle();
  });

  it('goes on after a failed batch', async () => {
    const seen: number[][] = [];
    const batcher = new EventBatcher<number>(10, (batch) => {
      seen.push(batch);
      return batch.includes(1) ? Promise.reject(new Error('boom')) : Promise.resolve();
    });
    await batcher.add(1);
    await batcher.idle();
    await batcher.add(2);
    await batcher.idle();
    expect(seen).toEqual([[1], [2]]);
  });

  it.each([0, -1, 1.5])('refuses maxBatch %p', (max) => {
    expect(() => new EventBatcher(max, () => Promise.resolve())).toThrow(RangeError);
  });
});

describe('takesBatches', () => {
  it.each([
    [{ extras: { batch: true } }, true],
    [{ extras: { batch: 'yes' } }, false],
    [{ extras: {} }, false],
    [{}, false],
    [undefined, false],
  ])('%p → %p', (handler, expected) => {
    expect(takesBatches(handler as never)).toBe(expected);
  });
});
