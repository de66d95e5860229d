import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition } from '@helpdesk/platform';
import { TICKET_DATABASE } from './database/schema';
import { readTicketServiceConfig, TicketServiceConfig } from './config/ticket-service.config';
import { TicketServiceModule } from './ticket-service.module';

export const ticketServiceApp: AppDefinition<TicketServiceConfig> = {
  service: SERVICES.ticket,
  defaultPort: 3001,
  database: TICKET_DATABASE,
  readConfig: (source) => readTicketServiceConfig(source),
  module: (runtime, config) => TicketServiceModule.register(runtime, config),
};
