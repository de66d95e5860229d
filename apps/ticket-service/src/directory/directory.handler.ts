import {
  AuthenticateCommand,
  CreateOrganizationCommand,
  CreateTeamCommand,
  CreateUserCommand,
  GetUserQuery,
  ListOrganizationsRequest,
  ListTeamsRequest,
  ListUsersRequest,
  OrganizationRefCommand,
  OrganizationView,
  Page,
  SUBJECTS,
  TeamMemberCommand,
  TeamRefCommand,
  TeamView,
  UpdateOrganizationCommand,
  UpdateTeamCommand,
  UpdateUserCommand,
  UserView,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrganizationsService } from './organizations.service';
import { TeamsService } from './teams.service';
import { UsersService } from './users.service';

/** directory.* requests: people, organizations and teams. */
@Controller()
export class DirectoryHandler {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly teams: TeamsService,
  ) {}

  @MessagePattern(SUBJECTS.directory.authenticate)
  authenticate(@Payload() command: AuthenticateCommand): Promise<UserView> {
    return this.users.authenticate(command);
  }

  @MessagePattern(SUBJECTS.directory.userCreate)
  createUser(@Payload() { actor, user }: CreateUserCommand): Promise<UserView> {
    return this.users.create(actor, user);
  }

  @MessagePattern(SUBJECTS.directory.userGet)
  getUser(@Payload() { actor, id }: GetUserQuery): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @MessagePattern(SUBJECTS.directory.userList)
  listUsers(@Payload() { actor, query }: ListUsersRequest): Promise<Page<UserView>> {
    return this.users.list(actor, query);
  }

  @MessagePattern(SUBJECTS.directory.userUpdate)
  updateUser(@Payload() { actor, id, changes }: UpdateUserCommand): Promise<UserView> {
    return this.users.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.directory.organizationCreate)
  createOrganization(@Payload() { actor, organization }: CreateOrganizationCommand): Promise<OrganizationView> {
    return this.organizations.create(actor, organization);
  }

  @MessagePattern(SUBJECTS.directory.organizationGet)
  getOrganization(@Payload() { actor, id }: OrganizationRefCommand): Promise<OrganizationView> {
    return this.organizations.get(actor, id);
  }

  @MessagePattern(SUBJECTS.directory.organizationList)
  listOrganizations(@Payload() { actor, query }: ListOrganizationsRequest): Promise<Page<OrganizationView>> {
    return this.organizations.list(actor, query);
  }

  @MessagePattern(SUBJECTS.directory.organizationUpdate)
  updateOrganization(@Payload() { actor, id, changes }: UpdateOrganizationCommand): Promise<OrganizationView> {
    return this.organizations.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.directory.organizationDelete)
  async deleteOrganization(@Payload() { actor, id }: OrganizationRefCommand): Promise<{ deleted: true }> {
    await this.organizations.delete(actor, id);
    return { deleted: true };
  }

  @MessagePattern(SUBJECTS.directory.teamCreate)
  createTeam(@Payload() { actor, team }: CreateTeamCommand): Promise<TeamView> {
    return this.teams.create(actor, team);
  }

  @MessagePattern(SUBJECTS.directory.teamGet)
  getTeam(@Payload() { actor, id }: TeamRefCommand): Promise<TeamView> {
    return this.teams.get(actor, id);
  }

  @MessagePattern(SUBJECTS.directory.teamList)
  listTeams(@Payload() { actor, query }: ListTeamsRequest): Promise<Page<TeamView>> {
    return this.teams.list(actor, query);
  }

  @MessagePattern(SUBJECTS.directory.teamUpdate)
  updateTeam(@Payload() { actor, id, changes }: UpdateTeamCommand): Promise<TeamView> {
    return this.teams.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.directory.teamDelete)
  async deleteTeam(@Payload() { actor, id }: TeamRefCommand): Promise<{ deleted: true }> {
    await this.teams.delete(actor, id);
    return { deleted: true };
  }

  @MessagePattern(SUBJECTS.directory.teamMemberAdd)
  addMember(@Payload() { actor, id, userId }: TeamMemberCommand): Promise<TeamView> {
    return this.teams.addMember(actor, id, userId);
  }

  @MessagePattern(SUBJECTS.directory.teamMemberRemove)
  removeMember(@Payload() { actor, id, userId }: TeamMemberCommand): Promise<TeamView> {
    return this.teams.removeMember(actor, id, userId);
  }
}
