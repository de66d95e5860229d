import { Logger } from '@nestjs/common';

/**
 * Background work run every `intervalMs`, and on demand (`runNow`; asked while running, it runs once more right after), never twice at once. A failed
 * run is logged and retried at the next tick. `stop` waits for the run in hand, so an app calls it
 * in `beforeApplicationShutdown`, before its database closes.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

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

  /** Runs the work now, or — when a run is in hand — once more right after it. */
  runNow(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, `${this.what} failed; will retry`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.runNow();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running) await this.running;
  }
}
