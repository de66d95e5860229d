import {
  Actor,
  CreateSlaPolicyDto,
  Role,
  SimulateSlaPolicyDto,
  SlaPolicyVersionView,
  SlaPolicyView,
  SlaSimulationView,
  STAFF_ROLES,
  SUBJECTS,
  UpdateSlaPolicyDto,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { FastifyReply } from 'fastify';
import { versionEtag } from '../http/etag';
import { expectedVersionHeader, uuidParam } from '../http/request-params';

@ApiTags('sla')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/sla/policies')
export class SlaPoliciesController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Add an SLA policy (admins)',
    description:
      'Policies are tried in ascending `position`; the first active policy whose conditions (priority, type, organization, channel, tags, tier) ' +
      'all hold applies to a new ticket. Targets per priority for first response, next response and resolution, in business minutes ' +
      '(of `calendarId`) or calendar minutes; a warning at `warningPercent` of a target; statuses that pause the resolution clock; ' +
      'escalation levels at breach + delay. Bad input answers 400 field by field; an unknown calendar 422.',
  })
  @ApiCreatedResponse({ type: SlaPolicyView })
  create(@CurrentActor() actor: Actor, @Body() policy: CreateSlaPolicyDto): Promise<SlaPolicyView> {
    return this.bus.request(SUBJECTS.sla.policyCreate, { actor, policy });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'The SLA policies in the order they are tried (staff)' })
  @ApiOkResponse({ type: [SlaPolicyView] })
  list(@CurrentActor() actor: Actor): Promise<SlaPolicyView[]> {
    return this.bus.request(SUBJECTS.sla.policyList, { actor });
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post('simulate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Simulate a draft SLA policy over past tickets, changing nothing (admins, supervisors)',
    description:
      'Replays the tickets created in [from, to) (at most 366 days) from their recorded inputs under the draft policy, and answers the ' +
      'compliance they would have had beside the compliance they had: per target (met, breached, still running at the moment of the ' +
      'answer; a running clock past its due time counts as breached), overall, per current priority and per current team. Only the ' +
      "tickets the draft's conditions match are compared, on both sides; position and active are ignored. Read-only: nothing is " +
      'saved, no clock moves, no event is published. The draft is validated as when a policy is saved (400 field by field, an ' +
      'unknown calendar 422). Reads at most 100,000 tickets (`truncated: true` beyond).',
  })
  @ApiOkResponse({ type: SlaSimulationView })
  simulate(@CurrentActor() actor: Actor, @Body() simulation: SimulateSlaPolicyDto): Promise<SlaSimulationView> {
    // A year of tickets is replayed in pages: longer than an ordinary request.
    return this.bus.request(SUBJECTS.sla.policySimulate, { actor, simulation }, { timeoutMs: 60_000 });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One SLA policy, at its current version, with its ETag (staff)' })
  @ApiOkResponse({ type: SlaPolicyView })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SlaPolicyView> {
    const policy = await this.bus.request<SlaPolicyView>(SUBJECTS.sla.policyGet, { actor, id: uuidParam(id) });
    void reply.header('ETag', versionEtag(policy.revision));
    return policy;
  }

  @Roles(...STAFF_ROLES)
  @Get(':id/versions')
  @ApiOperation({ summary: "Every version of an SLA policy's targets, calendar, warning, pauses and escalation, oldest first (staff)" })
  @ApiOkResponse({ type: [SlaPolicyVersionView] })
  versions(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SlaPolicyVersionView[]> {
    return this.bus.request(SUBJECTS.sla.policyVersions, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({
    summary: 'Change an SLA policy (admins)',
    description:
      'A change to targets, calendar, warning, pauses or escalation makes a new version: new tickets get it, tickets already started keep theirs. ' +
      'Name, position, active and conditions are not versioned. Send If-Match with the ETag read to avoid overwriting a change.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read; 412 if the policy changed since' })
  @ApiOkResponse({ type: SlaPolicyView })
  @ApiPreconditionFailedResponse({ description: 'The policy changed since the ETag was read' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() changes: UpdateSlaPolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SlaPolicyView> {
    const policy = await this.bus.request<SlaPolicyView>(SUBJECTS.sla.policyUpdate, {
      actor,
      id: uuidParam(id),
      changes,
      expectedRevision: expectedVersionHeader(ifMatch),
    });
    void reply.header('ETag', versionEtag(policy.revision));
    return policy;
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an SLA policy (admins): new tickets no longer get it; its versions stay for tickets that started under them',
  })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.sla.policyDelete, { actor, id: uuidParam(id) });
  }
}
