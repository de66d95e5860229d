import { Actor, Caller, RebuildView, Role, SUBJECTS, SummaryQuery, SummaryView } from '@helpdesk/contracts';
import { BusClient, Roles, Scopes } from '@helpdesk/platform';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator';
import { CurrentActor, CurrentCaller } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

const SUMMARY_DESCRIPTION = [
  'Built by reporting-service from events only. Days are whole days in `REPORTING_TIME_ZONE` (default UTC): `from` inclusive, `to` exclusive.',
  'Definitions (docs/reporting.md has each next to Zendesk’s and Zammad’s):',
  '`ticketsCreated` tickets created in the period; `ticketsSolved` tickets whose last solve falls in the period and that are still solved or closed;',
  '`reopened` times a solved or closed ticket went back to work; `backlog` tickets not solved or closed at the end of the period (each group’s end for day/week/month);',
  '`firstResponseTime` creation → first public agent reply, for replies in the period; `resolutionTime` creation → last solve, for tickets solved in the period;',
  'both in calendar minutes and in business minutes of the ticket’s SLA calendar (tickets without an SLA have none), median and p90 by nearest rank;',
  '`sla[].compliancePercent` met ÷ (met + breached) of the SLA targets that ended in the period; `escalations` tier escalations; `slaEscalations` SLA escalation levels fired;',
  '`csat.percent` good ÷ rated of ratings given in the period; `deflection.percent` knowledge-base sessions the reader said were solved ÷ sessions that showed articles (whole helpdesk only);',
  '`productivity.solvedPerAgent` solved ÷ agents who solved one of them; `repliesPerTicket` public agent replies on the solved tickets ÷ solved.',
  'Also readable with an API key holding `reports:read`.',
].join(' ');

/** Reports: for supervisors and admins, and for BI tools with a `reports:read` API key. */
@ApiTags('reports')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @ApiKeyAuth()
  @Get('summary')
  @ApiOperation({
    summary: 'KPIs over a period, in total and per day, week, month, team, agent, channel, priority or organization',
    description: SUMMARY_DESCRIPTION,
  })
  @ApiOkResponse({ type: SummaryView })
  summary(@CurrentCaller() caller: Caller, @Query() query: SummaryQuery): Promise<SummaryView> {
    return this.bus.request<SummaryView>(SUBJECTS.report.summary, { actor: caller, query });
  }

  @Roles(Role.Admin)
  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild every read model from the event log, from the first event (admins)',
    description:
      'Runs in the background in one transaction: reports keep answering with the old figures until the new ones are complete; events arriving meanwhile apply after it. 409 while another rebuild runs. Follow it at `GET /api/v1/reports/rebuild/{id}`.',
  })
  @ApiAcceptedResponse({ type: RebuildView })
  rebuild(@CurrentActor() actor: Actor): Promise<RebuildView> {
    return this.bus.request<RebuildView>(SUBJECTS.report.rebuildStart, { actor });
  }

  @Roles(Role.Admin)
  @Get('rebuild/:id')
  @ApiOperation({ summary: 'How a rebuild went: running, done (with the events and tickets replayed) or failed (admins)' })
  @ApiOkResponse({ type: RebuildView })
  rebuildStatus(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<RebuildView> {
    return this.bus.request<RebuildView>(SUBJECTS.report.rebuildGet, { actor, id: uuidParam(id, 'id') });
  }
}
