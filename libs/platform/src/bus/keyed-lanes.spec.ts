import { KeyedLanes } from './keyed-lanes';

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
