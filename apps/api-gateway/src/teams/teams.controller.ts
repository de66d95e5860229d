import {
  Actor,
  AddTeamMemberDto,
  CreateTeamDto,
  ListTeamsQuery,
  Page,
  Role,
  STAFF_ROLES,
  SUBJECTS,
  TeamPageView,
  TeamView,
  UpdateTeamDto,
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
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

@ApiTags('teams')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({ summary: 'Add a team at a tier, with its supervisor, members and routing strategy (admins)' })
  @ApiCreatedResponse({ type: TeamView })
  @ApiConflictResponse({ description: 'The name is taken' })
  @ApiUnprocessableEntityResponse({ description: 'The supervisor or a member is not active staff' })
  create(@CurrentActor() actor: Actor, @Body() team: CreateTeamDto): Promise<TeamView> {
    return this.bus.request(SUBJECTS.directory.teamCreate, { actor, team });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'Teams by name' })
  @ApiOkResponse({ type: TeamPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListTeamsQuery): Promise<Page<TeamView>> {
    return this.bus.request(SUBJECTS.directory.teamList, { actor, query });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One team with its members' })
  @ApiOkResponse({ type: TeamView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<TeamView> {
    return this.bus.request(SUBJECTS.directory.teamGet, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a team (admins)' })
  @ApiOkResponse({ type: TeamView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateTeamDto): Promise<TeamView> {
    return this.bus.request(SUBJECTS.directory.teamUpdate, { actor, id: uuidParam(id), changes });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a team (admins)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.directory.teamDelete, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Post(':id/members')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a staff member to the team (admins); adding a member again changes nothing' })
  @ApiOkResponse({ type: TeamView })
  addMember(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() { userId }: AddTeamMemberDto): Promise<TeamView> {
    return this.bus.request(SUBJECTS.directory.teamMemberAdd, { actor, id: uuidParam(id), userId });
  }

  @Roles(Role.Admin)
  @Delete(':id/members/:userId')
  @ApiOperation({ summary: 'Remove a member from the team (admins)' })
  @ApiOkResponse({ type: TeamView })
  removeMember(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('userId') userId: string): Promise<TeamView> {
    return this.bus.request(SUBJECTS.directory.teamMemberRemove, { actor, id: uuidParam(id), userId: uuidParam(userId, 'userId') });
  }
}
