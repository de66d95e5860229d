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
