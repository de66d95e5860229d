import { EventPattern } from '@nestjs/microservices';

/**
 * Marks an event handler that takes its events in batches: it is called with an array of envelopes
 * (in stream order; events of one aggregate keep their order) and succeeds or fails as a whole.
 * On NATS the consumer hands over what has arrived while the previous batch ran, up to
 * EVENT_BATCH_SIZE; a failed batch is retried one event at a time, so one bad event is redelivered
 * and parked alone. The in-process bus hands over each event as it is published (a batch of one).
 */
export const EventBatchPattern = (pattern: string): MethodDecorator => EventPattern(pattern, { batch: true });

/** Whether a handler registered with EventBatchPattern. */
export function takesBatches(handler: { extras?: Record<string, unknown> } | undefined | null): boolean {
  return handler?.extras?.batch === true;
}

/**
 * Group commit for a consumer: items are handled in batches, one batch at a time, each taking
 * everything that arrived while the previous one ran (at most `maxBatch`). `add` waits while
 * `2 × maxBatch` items are queued, so a fast producer cannot fill memory.
 */
export class EventBatcher<T> {
  private queue: T[] = [];
  private running: Promise<void> | null = null;
  private readonly spaceWaiters: (() => void)[] = [];

  constructor(
    private readonly maxBatch: number,
    private readonly handle: (batch: T[]) => Promise<void>,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
  }

  async add(item: T): Promise<void> {
    while (this.queue.length >= 2 * this.maxBatch) await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    this.queue.push(item);
    if (!this.running) this.running = this.run().finally(() => (this.running = null));
  }

  /** Resolves when everything added so far has been handled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      for (const wake of this.spaceWaiters.splice(0)) wake();
      // The handler deals with its own failures (retries, parking); a throw must not stop the loop.
      await Promise.resolve()
        .then(() => this.handle(batch))
        .catch(() => undefined);
    }
  }
}
