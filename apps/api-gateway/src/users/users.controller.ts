import {
  Actor,
  CreateUserDto,
  ListUsersQuery,
  Page,
  Role,
  STAFF_ROLES,
  SUBJECTS,
  UpdateUserDto,
  UserPageView,
  UserView,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../http/request-params';
import { ApiProblems } from '../http/api-problems.decorator';

@ApiTags('users')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({ summary: 'Add a person to the directory (admins)' })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'The email is taken' })
  create(@CurrentActor() actor: Actor, @Body() user: CreateUserDto): Promise<UserView> {
    return this.bus.request<UserView>(SUBJECTS.directory.userCreate, { actor, user });
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOperation({ summary: 'The directory, by email' })
  @ApiOkResponse({ type: UserPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.bus.request<Page<UserView>>(SUBJECTS.directory.userList, { actor, query });
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOperation({ summary: 'One person' })
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<UserView> {
    return this.bus.request<UserView>(SUBJECTS.directory.userGet, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a person: name, role, contact data, organization, tier, skills, capacity, active, password (admins)' })
  @ApiOkResponse({ type: UserView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateUserDto): Promise<UserView> {
    return this.bus.request<UserView>(SUBJECTS.directory.userUpdate, { actor, id: uuidParam(id), changes });
  }
}
