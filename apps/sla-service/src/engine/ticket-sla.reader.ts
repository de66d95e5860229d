import { Actor, TicketSlaView } from '@helpdesk/contracts';
import { currentTime } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertStaff } from '../common/sla-errors';
import { PolicyLibrary } from './policy-library';
import { policyOf, stateOf, ticketSlaStore } from './ticket-sla.store';
import { ticketSlaView } from './ticket-sla.view';

/**
 * Reads a ticket's SLA. The gateway checks that the caller may see the ticket; a ticket the SLA
 * service has not heard of (yet) answers with no policy and no targets.
 */
@Injectable()
export class TicketSlaReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly library: PolicyLibrary,
  ) {}

  async get(actor: Actor, ticketId: string): Promise<TicketSlaView> {
    assertStaff(actor, "read a ticket's SLA");
    const manager = this.dataSource.manager;
    const row = await ticketSlaStore.read(manager, ticketId);
    const policy = row ? policyOf(row) : null;
    const [book, metrics, names] = await Promise.all([
      this.library.book([policy], { matching: false }),
      ticketSlaStore.metrics(manager, ticketId),
      this.library.names(policy ? [policy.id] : []),
    ]);
    return ticketSlaView(book, row ? stateOf(row) : null, policy ? (names.get(policy.id) ?? null) : null, metrics, ticketId, currentTime());
  }
}
