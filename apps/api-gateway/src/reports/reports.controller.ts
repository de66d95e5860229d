import { Caller, Role, SUBJECTS, SummaryQuery, SummaryView } from '@helpdesk/contracts';
import { BusClient, Roles, Scopes } from '@helpdesk/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator';
import { CurrentCaller } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';

/** Reports: for supervisors and admins, and for BI tools with a `reports:read` API key. */
@ApiTags('reports')
@ApiProblems()
@ApiBearerAuth()
@ApiKeyAuth()
@Scopes('reports:read')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin, Role.Supervisor)
  @Get('summary')
  @ApiOperation({
    summary: 'KPIs over a period',
    description:
      '`ticketsCreated`: tickets whose creation time falls in [from, to). Built from ticket events by reporting-service. ' +
      'Also readable with an API key holding `reports:read`.',
  })
  @ApiOkResponse({ type: SummaryView })
  summary(@CurrentCaller() caller: Caller, @Query() query: SummaryQuery): Promise<SummaryView> {
    return this.bus.request<SummaryView>(SUBJECTS.report.summary, { actor: caller, query });
  }
}
