import { AuthenticateCommand, CreateUserCommand, GetUserQuery, ListUsersRequest, Page, SUBJECTS, UserView } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UsersService } from './users.service';

/** directory.* requests. */
@Controller()
export class DirectoryHandler {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(SUBJECTS.directory.authenticate)
  authenticate(@Payload() command: AuthenticateCommand): Promise<UserView> {
    return this.users.authenticate(command);
  }

  @MessagePattern(SUBJECTS.directory.userCreate)
  create(@Payload() { actor, user }: CreateUserCommand): Promise<UserView> {
    return this.users.create(actor, user);
  }

  @MessagePattern(SUBJECTS.directory.userGet)
  get(@Payload() { actor, id }: GetUserQuery): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @MessagePattern(SUBJECTS.directory.userList)
  list(@Payload() { actor, query }: ListUsersRequest): Promise<Page<UserView>> {
    return this.users.list(actor, query);
  }
}
