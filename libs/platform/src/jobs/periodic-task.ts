import { Logger } from '@nestjs/common';

/**
 * Background work run every `intervalMs`, and on demand (`runNow`), never twice at once. A failed
 * run is logged and retried at the next tick. `stop` waits for the run in hand, so an app calls it
 * in `beforeApplicationShutdown`, before its database closes.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.runNow(), this.intervalMs);
    this.timer.unref();
  }

  runNow(): void {
    if (this.running) return;
    this.running = this.work()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, `${this.what} failed; will retry`))
      .finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
