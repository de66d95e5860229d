import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { TicketsService } from './tickets.service';

/** Closes solved tickets after TICKET_AUTO_CLOSE_AFTER_MINUTES, checking every TICKET_AUTO_CLOSE_INTERVAL_MS. */
@Injectable()
export class AutoCloseJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AutoCloseJob.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly tickets: TicketsService,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.autoCloseIntervalMs);
    this.timer.unref();
  }

  /** Before the database closes (TypeORM closes it in onApplicationShutdown), so the last pass can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.closeDue()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'closing solved tickets failed; will retry'))
      .finally(() => (this.running = null));
  }

  private async closeDue(): Promise<void> {
    let closed = 0;
    for (let batch = await this.tickets.closeSolvedTickets(this.config.autoCloseAfterMinutes); batch > 0;) {
      closed += batch;
      batch = batch < 100 ? 0 : await this.tickets.closeSolvedTickets(this.config.autoCloseAfterMinutes);
    }
    if (closed) this.logger.log(`closed ${closed} solved ticket(s)`);
  }
}
