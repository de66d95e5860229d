/**
 * Runs work concurrently, at most `limit` tasks at once, while tasks of one key run one after
 * another in the order they were added. An event consumer uses it so that events of different
 * aggregates (tickets, conversations) are handled side by side and those of one aggregate in order.
 * A task waiting for its key's previous one holds its slot, so nothing queues beyond `limit`.
 */
export class KeyedLanes {
  private running = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  /** Tasks taken and not finished (running or waiting for their key). */
  get inFlight(): number {
    return this.running;
  }

  /** Resolves once a task may be added without going over the limit. */
  async slot(): Promise<void> {
    while (this.running >= this.limit) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  /** Adds a task (after `slot()`); answers when it is done. The task's own errors are its caller's to handle. */
  add(key: string, task: () => Promise<void>): Promise<void> {
    this.running += 1;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const done = previous.then(task).finally(() => {
      this.running -= 1;
      if (this.tails.get(key) === settled) this.tails.delete(key);
      this.slotWaiters.shift()?.();
    });
    // The lane goes on whether this task failed or not.
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    return done;
  }
}

/**
 * Works through a batch's items side by side, at most `limit` at once, those of one key one after
 * another in the order given. Once an item fails, the later items of its key are not started (they
 * would overtake it); the other keys go on. Settles when every started item has; rejects with the
 * first failure in item order, so that the caller's batch is delivered again one event at a time
 * (what committed is skipped by the inbox, the rest retried in stream order).
 */
export async function inLanes<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  work: (item: T) => Promise<void>,
  limit: number,
): Promise<void> {
  const lanes = new KeyedLanes(limit);
  const failedKeys = new Set<string>();
  const failures: { index: number; error: unknown }[] = [];
  const started: Promise<void>[] = [];
  for (const [index, item] of items.entries()) {
    const key = keyOf(item);
    await lanes.slot();
    started.push(
      lanes.add(key, async () => {
        if (failedKeys.has(key)) return;
        try {
          await work(item);
        } catch (error) {
          failedKeys.add(key);
          failures.push({ index, error });
        }
      }),
    );
  }
  await Promise.all(started);
  if (failures.length) throw failures.sort((a, b) => a.index - b.index)[0].error;
}
