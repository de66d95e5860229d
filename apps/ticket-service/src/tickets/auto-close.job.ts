import { PeriodicTask } from '@helpdesk/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { TicketsService } from './tickets.service';

/** Closes solved tickets after TICKET_AUTO_CLOSE_AFTER_MINUTES, checking every TICKET_AUTO_CLOSE_INTERVAL_MS. */
@Injectable()
export class AutoCloseJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AutoCloseJob.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly tickets: TicketsService,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {
    this.task = new PeriodicTask('closing solved tickets', config.autoCloseIntervalMs, () => this.closeDue(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Before the database closes (TypeORM closes it in onApplicationShutdown), so the last pass can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
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
