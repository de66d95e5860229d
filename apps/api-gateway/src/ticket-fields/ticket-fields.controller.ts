import {
  Actor,
  CreateCustomFieldDto,
  CustomFieldView,
  ListCustomFieldsQuery,
  Role,
  SUBJECTS,
  UpdateCustomFieldDto,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

const ALL_ROLES = [Role.Admin, Role.Supervisor, Role.Agent, Role.Customer];

@ApiTags('ticket fields')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/ticket-fields')
export class TicketFieldsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Define a custom ticket field (admins)',
    description:
      'Types: text, number, date (YYYY-MM-DD), dropdown and multiselect (with options), checkbox. ' +
      'Fields can be required when a ticket is created or solved, shown to customers or internal, and editable by customers. ' +
      'Tickets carry the values in `customFields` by key; routing rules can match on them.',
  })
  @ApiCreatedResponse({ type: CustomFieldView })
  create(@CurrentActor() actor: Actor, @Body() field: CreateCustomFieldDto): Promise<CustomFieldView> {
    return this.bus.request(SUBJECTS.ticket.fieldCreate, { actor, field });
  }

  @Roles(...ALL_ROLES)
  @Get()
  @ApiOperation({ summary: 'The active fields in display order (customers: only those shown to them)' })
  @ApiOkResponse({ type: [CustomFieldView] })
  list(@CurrentActor() actor: Actor, @Query() query: ListCustomFieldsQuery): Promise<CustomFieldView[]> {
    return this.bus.request(SUBJECTS.ticket.fieldList, { actor, includeInactive: query.includeInactive === 'true' });
  }

  @Roles(...ALL_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One custom field' })
  @ApiOkResponse({ type: CustomFieldView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CustomFieldView> {
    return this.bus.request(SUBJECTS.ticket.fieldGet, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a field (admins); its key and type are permanent' })
  @ApiOkResponse({ type: CustomFieldView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateCustomFieldDto): Promise<CustomFieldView> {
    return this.bus.request(SUBJECTS.ticket.fieldUpdate, { actor, id: uuidParam(id), changes });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retire a field (admins): it takes no more values and is hidden; stored values are kept' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.ticket.fieldDelete, { actor, id: uuidParam(id) });
  }
}
