import { Actor, CalendarView, CreateCalendarDto, Role, STAFF_ROLES, SUBJECTS, UpdateCalendarDto } from '@helpdesk/contracts';
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
@Controller('api/v1/sla/calendars')
export class SlaCalendarsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Create a business calendar (admins)',
    description:
      'Opening hours per weekday ("0" = Sunday … "6" = Saturday) in an IANA time zone: several intervals a day, ' +
      'overnight shifts (an end not after the start, e.g. 22:00–06:00, belongs to the day it starts) and 24×7 (00:00–24:00 every day); ' +
      'holidays on a date or yearly on a month and day. An unknown zone, a bad HH:MM or overlapping hours answer 400 field by field.',
  })
  @ApiCreatedResponse({ type: CalendarView })
  create(@CurrentActor() actor: Actor, @Body() calendar: CreateCalendarDto): Promise<CalendarView> {
    return this.bus.request(SUBJECTS.sla.calendarCreate, { actor, calendar });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'The business calendars, by name (staff)' })
  @ApiOkResponse({ type: [CalendarView] })
  list(@CurrentActor() actor: Actor): Promise<CalendarView[]> {
    return this.bus.request(SUBJECTS.sla.calendarList, { actor });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One business calendar, with its ETag (staff)' })
  @ApiOkResponse({ type: CalendarView })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CalendarView> {
    const calendar = await this.bus.request<CalendarView>(SUBJECTS.sla.calendarGet, { actor, id: uuidParam(id) });
    void reply.header('ETag', versionEtag(calendar.version));
    return calendar;
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a business calendar (admins)',
    description:
      'Fields given replace the stored ones. Policies refer to the calendar, so the change applies to every policy using it, and ' +
      'the due times of running clocks that count by it follow. Send If-Match with the ETag read to avoid overwriting a change.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read; 412 if the calendar changed since' })
  @ApiOkResponse({ type: CalendarView })
  @ApiPreconditionFailedResponse({ description: 'The calendar changed since the ETag was read' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() changes: UpdateCalendarDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarView> {
    const calendar = await this.bus.request<CalendarView>(SUBJECTS.sla.calendarUpdate, {
      actor,
      id: uuidParam(id),
      changes,
      expectedVersion: expectedVersionHeader(ifMatch),
    });
    void reply.header('ETag', versionEtag(calendar.version));
    return calendar;
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a business calendar (admins); 409 while an SLA policy uses it' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.sla.calendarDelete, { actor, id: uuidParam(id) });
  }
}
