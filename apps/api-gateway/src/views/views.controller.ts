import {
  Actor,
  CreateViewDto,
  Page,
  PageQuery,
  STAFF_ROLES,
  SUBJECTS,
  TicketPageView,
  TicketView,
  UpdateViewDto,
  SLA_BREACHING_SOON_MINUTES,
  VIEW_COUNT_CAP,
  VIEW_ID_PATTERN,
  ViewView,
} from '@helpdesk/contracts';
import { BusClient, DomainError, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';

/** A view id: a built-in id or a uuid; anything else names no view (404). */
function viewIdParam(value: string): string {
  if (!VIEW_ID_PATTERN.test(value)) throw DomainError.notFound('View', value);
  return value;
}

@ApiTags('views')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/views')
export class ViewsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({
    summary: 'The built-in views, your personal views and your teams’ views, each with its count',
    description:
      'Built-ins: `my-open` (assigned to you, status new/open/pending/on_hold), `unassigned-in-my-teams` (no assignee, in a team ' +
      `you belong to or supervise, unsolved), \`all-open\` (unsolved), \`sla-breached\` (unsolved, an SLA clock breached) and ` +
      `\`sla-breaching-soon\` (unsolved, a running SLA clock due within ${SLA_BREACHING_SOON_MINUTES} minutes). Counts are of the tickets you can see, up to ${VIEW_COUNT_CAP} ` +
      '(`countCapped` says there are more). Staff only.',
  })
  @ApiOkResponse({ type: [ViewView] })
  list(@CurrentActor() actor: Actor): Promise<ViewView[]> {
    return this.bus.request(SUBJECTS.ticket.viewList, { actor });
  }

  @Roles(...STAFF_ROLES)
  @Post()
  @ApiOperation({
    summary: 'Save a view: personal, or with `teamId` a team view (its supervisor or an admin)',
  })
  @ApiCreatedResponse({ type: ViewView })
  @ApiForbiddenResponse({ description: 'A team view by someone who does not supervise the team' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown filter names or bad values, one entry per field (`filters.<name>`)' })
  create(@CurrentActor() actor: Actor, @Body() view: CreateViewDto): Promise<ViewView> {
    return this.bus.request(SUBJECTS.ticket.viewCreate, { actor, view });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'A view with its count' })
  @ApiOkResponse({ type: ViewView })
  @ApiNotFoundResponse({ description: 'No such view, or not yours / not of your teams' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ViewView> {
    return this.bus.request(SUBJECTS.ticket.viewGet, { actor, viewId: viewIdParam(id) });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id/tickets')
  @ApiOperation({ summary: 'A page of the view’s tickets (cursor pagination, in the view’s order)' })
  @ApiOkResponse({ type: TicketPageView })
  @ApiNotFoundResponse({ description: 'No such view, or not yours / not of your teams' })
  tickets(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() page: PageQuery): Promise<Page<TicketView>> {
    return this.bus.request(SUBJECTS.ticket.viewTickets, { actor, viewId: viewIdParam(id), page });
  }

  @Roles(...STAFF_ROLES)
  @Patch(':id')
  @ApiOperation({ summary: 'Rename a view or change its filters or order (built-ins cannot be changed)' })
  @ApiOkResponse({ type: ViewView })
  @ApiUnprocessableEntityResponse({ description: 'Unknown filter names or bad values, one entry per field (`filters.<name>`)' })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateViewDto): Promise<ViewView> {
    return this.bus.request(SUBJECTS.ticket.viewUpdate, { actor, viewId: viewIdParam(id), changes });
  }

  @Roles(...STAFF_ROLES)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a personal view (its owner) or a team view (its supervisor or an admin)' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.ticket.viewDelete, { actor, viewId: viewIdParam(id) });
  }
}
