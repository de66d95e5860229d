import { Actor, STAFF_ROLES, SUBJECTS, TicketSlaView, TicketView } from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { ticketRefParam } from '../http/request-params';

/** A ticket's SLA as sla-service computes it, behind the same access check as reading the ticket. */
@ApiTags('sla')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketSlaController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Get(':idOrNumber/sla')
  @ApiOperation({
    summary: "A ticket's SLA: each target, its due time, time counted and left, paused, met or breached (staff)",
    description:
      'Minutes count as the target does: business minutes of the policy calendar, or calendar minutes. `events` explains how the ' +
      'SLA got here (apply_sla, activate, pause, resume, fulfil, update_target, cancel, warning, breach, escalate), oldest first. ' +
      'A ticket the caller may not see answers 404, as elsewhere.',
  })
  @ApiOkResponse({ type: TicketSlaView })
  @ApiNotFoundResponse({ description: 'No such ticket, or not visible to the caller' })
  async get(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string): Promise<TicketSlaView> {
    // The ticket first, as GET /tickets/:id reads it: a ticket the caller may not see is a 404 here too.
    const ticket = await this.bus.request<TicketView>(SUBJECTS.ticket.get, { actor, ticketId: ticketRefParam(idOrNumber) });
    return this.bus.request<TicketSlaView>(SUBJECTS.sla.ticketSla, { actor, ticketId: ticket.id });
  }
}
