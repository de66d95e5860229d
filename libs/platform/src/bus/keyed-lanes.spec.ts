import { inLanes, KeyedLanes } from './keyed-lanes';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A task that waits until released, recording when it starts. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await released;
      log.push(`end ${name}`);
    },
    release: () => release(),
  };
}

describe('KeyedLanes', () => {
  it('runs tasks of different keys side by side', async () => {
    const lanes = new KeyedLanes(4);
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const done = [lanes.add('t1', a.task), lanes.add('t2', b.task)];
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.release();
    a.release();
    await Promise.all(done);
    expect(lanes.inFlight).toBe(0);
  });

  it('runs tasks of one key one after another, in the order they were added', async () => {
    const lanes = new KeyedLanes(4);
    const log: string[] = [];
    const first = gate(log, '1');
    const second = gate(log, '2');
    const done = [lanes.add('ticket', first.task), lanes.add('ticket', second.task)];
    await tick();
    expect(log).toEqual(['start 1']);
    second.release();
    await tick();
    expect(log).toEqual(['start 1']);
    first.release();
    await Promise.all(done);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('goes on with a key after one of its tasks failed, and gives the failure to its caller', async () => {
    const lanes = new KeyedLanes(2);
    const log: string[] = [];
    const failed = lanes.add('k', () => Promise.reject(new Error('boom')));
    const next = lanes.add('k', async () => {
      log.push('next ran');
      await Promise.resolve();
    });
    await expect(failed).rejects.toThrow('boom');
    await next;
    expect(log).toEqual(['next ran']);
    expect(lanes.inFlight).toBe(0);
  });

  it('lets no more than `limit` tasks in; slot() waits for one to finish', async () => {
    const lanes = new KeyedLanes(2);
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const done = [lanes.add('x', a.task), lanes.add('y', b.task)];
    let third = false;
    const waiting = lanes.slot().then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    expect(lanes.inFlight).toBe(2);
    a.release();
    await waiting;
    expect(third).toBe(true);
    b.release();
    await Promise.all(done);
  });

  it.each([0, -1, 1.5, NaN])('refuses a limit of %s', (limit) => {
    expect(() => new KeyedLanes(limit)).toThrow(RangeError);
  });
});

describe('inLanes', () => {
  /** Items `key:n`; each records its start and end, and yields a few times in between. */
  const item = (key: string, n: number) => ({ key, name: `${key}${n}` });
  type Item = ReturnType<typeof item>;
  function recorder(fail: Set<string> = new Set()) {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const work = async ({ name }: Item) => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      for (let i = 0; i < 3; i += 1) await tick();
      running -= 1;
      if (fail.has(name)) throw new Error(`${name} failed`);
      log.push(`end ${name}`);
    };
    return { log, work, most: () => most };
  }

  it('takes different keys side by side, each key in order, never more than the limit at once', async () => {
    const items = [item('a', 1), item('b', 1), item('a', 2), item('c', 1), item('b', 2), item('a', 3), item('d', 1)];
    const { log, work, most } = recorder();
    await inLanes(items, (i) => i.key, work, 3);
    expect(most()).toBe(3);
    for (const key of ['a', 'b']) {
      const ends = log.filter((line) => line.startsWith(`end ${key}`));
      expect(ends).toEqual(items.filter((i) => i.key === key).map((i) => `end ${i.name}`));
    }
    // a2 starts only after a1 ended.
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.filter((line) => line.startsWith('end'))).toHaveLength(items.length);
  });

  it('with a limit of one, is the plain loop in the given order', async () => {
    const items = [item('a', 1), item('b', 1), item('a', 2)];
    const { log, work } = recorder();
    await inLanes(items, (i) => i.key, work, 1);
    expect(log).toEqual(['start a1', 'end a1', 'start b1', 'end b1', 'start a2', 'end a2']);
  });

  it('after a failure, starts nothing more of that key, finishes the other keys, and rejects with the first failure', async () => {
    const items = [item('a', 1), item('b', 1), item('a', 2), item('b', 2), item('a', 3), item('c', 1)];
    const { log, work } = recorder(new Set(['b1', 'a2']));
    await expect(inLanes(items, (i) => i.key, work, 4)).rejects.toThrow('b1 failed');
    expect(log).not.toContain('start b2');
    expect(log).not.toContain('start a3');
    expect(log).toEqual(expect.arrayContaining(['end a1', 'end c1', 'start a2', 'start b1']));
  });

  it('does nothing for no items', async () => {
    const { log, work } = recorder();
    await inLanes([], (i: Item) => i.key, work, 4);
    expect(log).toEqual([]);
  });
});
