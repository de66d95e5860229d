import { Actor, Role, SUBJECTS, SummaryQuery, SummaryView } from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';

@ApiTags('reports')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin, Role.Supervisor)
  @Get('summary')
  @ApiOperation({
    summary: 'KPIs over a period',
    description: '`ticketsCreated`: tickets whose creation time falls in [from, to). Built from ticket events by reporting-service.',
  })
  @ApiOkResponse({ type: SummaryView })
  summary(@CurrentActor() actor: Actor, @Query() query: SummaryQuery): Promise<SummaryView> {
    return this.bus.request<SummaryView>(SUBJECTS.report.summary, { actor, query });
  }
}
