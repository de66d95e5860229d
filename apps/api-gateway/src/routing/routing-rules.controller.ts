import { Actor, CreateRoutingRuleDto, Role, RoutingRuleView, STAFF_ROLES, SUBJECTS, UpdateRoutingRuleDto } from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

@ApiTags('routing')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/routing-rules')
export class RoutingRulesController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Add a routing rule (admins)',
    description:
      'Rules are tried in ascending `position`; the first active rule whose conditions all hold sends a new ticket to its team, ' +
      "whose routing strategy then picks the agent. Every decision is written to the ticket's history with its reason.",
  })
  @ApiCreatedResponse({ type: RoutingRuleView })
  create(@CurrentActor() actor: Actor, @Body() rule: CreateRoutingRuleDto): Promise<RoutingRuleView> {
    return this.bus.request(SUBJECTS.ticket.routingRuleCreate, { actor, rule });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'The rules in the order they are tried' })
  @ApiOkResponse({ type: [RoutingRuleView] })
  list(@CurrentActor() actor: Actor): Promise<RoutingRuleView[]> {
    return this.bus.request(SUBJECTS.ticket.routingRuleList, { actor });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One routing rule' })
  @ApiOkResponse({ type: RoutingRuleView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<RoutingRuleView> {
    return this.bus.request(SUBJECTS.ticket.routingRuleGet, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a routing rule (admins)' })
  @ApiOkResponse({ type: RoutingRuleView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateRoutingRuleDto): Promise<RoutingRuleView> {
    return this.bus.request(SUBJECTS.ticket.routingRuleUpdate, { actor, id: uuidParam(id), changes });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a routing rule (admins)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.ticket.routingRuleDelete, { actor, id: uuidParam(id) });
  }
}
