import {
  Actor,
  CreateOrganizationDto,
  ListOrganizationsQuery,
  OrganizationPageView,
  OrganizationView,
  Page,
  Role,
  STAFF_ROLES,
  SUBJECTS,
  UpdateOrganizationDto,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

@ApiTags('organizations')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({ summary: 'Add a customer organization (admins); requesters from its email domains join it' })
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiConflictResponse({ description: 'The name, or one of the domains, is taken' })
  create(@CurrentActor() actor: Actor, @Body() organization: CreateOrganizationDto): Promise<OrganizationView> {
    return this.bus.request(SUBJECTS.directory.organizationCreate, { actor, organization });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'Organizations by name (`q` filters by part of the name)' })
  @ApiOkResponse({ type: OrganizationPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    return this.bus.request(SUBJECTS.directory.organizationList, { actor, query });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One organization' })
  @ApiOkResponse({ type: OrganizationView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OrganizationView> {
    return this.bus.request(SUBJECTS.directory.organizationGet, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change the domains (replaced as a whole) or the ticket sharing (admins)' })
  @ApiOkResponse({ type: OrganizationView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.bus.request(SUBJECTS.directory.organizationUpdate, { actor, id: uuidParam(id), changes });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an organization (admins); its people and tickets remain, without it' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.directory.organizationDelete, { actor, id: uuidParam(id) });
  }
}
