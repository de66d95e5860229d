import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SLA_SERVICE_CONFIG, SlaServiceConfig } from '../config/sla-service.config';
import { DueWorkService } from './due-work.service';

/**
 * Each replica's loop over due SLA work: claims batches while there are full ones, then waits
 * SLA_POLL_INTERVAL_MS. On shutdown it finishes the batch in hand (its transaction) and stops.
 */
@Injectable()
export class DueWorkRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DueWorkRunner.name);
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly work: DueWorkService,
    @Inject(SLA_SERVICE_CONFIG) private readonly config: SlaServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = await this.work.fireDue(this.config.claimBatch);
      } catch (error) {
        this.logger.warn({ err: error }, 'firing due SLA work failed; will retry');
      }
      if (claimed < this.config.claimBatch) await this.pause(this.config.pollIntervalMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
