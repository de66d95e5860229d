import {
  Actor,
  opsSubjects,
  PARKED_EVENT_KINDS,
  ParkedEventKind,
  ParkedEventsReportView,
  ParkedEventView,
  Role,
  SERVICES,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { invalidParam } from '../http/request-params';

/** The services that keep an outbox and consumers, hence parked events. */
const SERVICES_WITH_EVENTS: string[] = [SERVICES.ticket, SERVICES.sla, SERVICES.kb, SERVICES.channel, SERVICES.reporting];

@ApiTags('operations')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/admin/parked-events')
export class ParkedEventsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Get()
  @ApiOperation({
    summary: 'Events parked after their last try, in every service (admins)',
    description:
      '`outgoing`: a service could not publish the event; `incoming`: one of its consumers failed on every delivery. ' +
      'Services that do not answer are named in `unavailable`.',
  })
  @ApiOkResponse({ type: ParkedEventsReportView })
  async list(@CurrentActor() actor: Actor): Promise<ParkedEventsReportView> {
    const answers = await Promise.allSettled(
      SERVICES_WITH_EVENTS.map((service) => this.bus.request<ParkedEventView[]>(opsSubjects(service).parkedList, { actor })),
    );
    return {
      data: answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : [])),
      unavailable: SERVICES_WITH_EVENTS.filter((_service, i) => answers[i].status === 'rejected'),
    };
  }

  @Roles(Role.Admin)
  @Post(':service/:kind/:id/replay')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Send a parked event again (admins)',
    description: 'Consumers that already processed the event skip it (they deduplicate by event id); the one that failed gets it again.',
  })
  @ApiNoContentResponse()
  async replay(
    @CurrentActor() actor: Actor,
    @Param('service') service: string,
    @Param('kind') kind: string,
    @Param('id') id: string,
  ): Promise<void> {
    if (!SERVICES_WITH_EVENTS.includes(service)) throw invalidParam('service', `service must be one of ${SERVICES_WITH_EVENTS.join(', ')}`);
    if (!(PARKED_EVENT_KINDS as readonly string[]).includes(kind)) throw invalidParam('kind', 'kind must be outgoing or incoming');
    if (!/^\d{1,18}$|^[0-9a-f-]{36}$/.test(id)) throw invalidParam('id', 'id must be a parked event id from the list');
    await this.bus.request(opsSubjects(service).parkedReplay, { actor, kind: kind as ParkedEventKind, id });
  }
}
