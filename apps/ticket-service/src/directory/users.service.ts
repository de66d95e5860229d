import { randomUUID } from 'node:crypto';
import {
  Actor,
  AuthenticateCommand,
  CreateUserDto,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  ListUsersQuery,
  Locale,
  Page,
  RequesterRefDto,
  Role,
  UserView,
} from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor, invalidCursor } from '../tickets/ticket-cursor';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { nameFromEmail, toUserView } from './user.mapper';

/** A hash to verify against when the email is unknown, so a login takes the same time either way. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0mNnHmT3QJ7pVg9qQ2h0V0Zy3u8E8l0rYb0m8o0Yg3E';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The user for a login, or UNAUTHENTICATED with one message whatever was wrong. */
  async authenticate({ email, password }: AuthenticateCommand): Promise<UserView> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const valid = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !user.passwordHash || !valid || !user.active) {
      throw new DomainError(ErrorCode.Unauthenticated, 'Email or password is wrong');
    }
    return toUserView(user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins create users');
    return toUserView(await this.insert(dto));
  }

  /** Creates a user; a taken email is a 409. */
  async insert(dto: CreateUserDto): Promise<User> {
    const email = dto.email.trim().toLowerCase();
    const user = this.users.create({
      id: randomUUID(),
      email,
      name: dto.name,
      role: dto.role,
      locale: dto.locale ?? Locale.Es,
      active: true,
      passwordHash: dto.password ? await this.hasher.hash(dto.password) : null,
    });
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(user)
      .orIgnore()
      .returning(['id', 'createdAt', 'updatedAt'])
      .execute();
    if (!(inserted.raw as unknown[]).length)
      throw new DomainError(ErrorCode.Conflict, `A user with email ${email} already exists`, { email });
    return this.users.findOneByOrFail({ id: user.id });
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    if (actor.role === Role.Customer && actor.id !== id) throw DomainError.notFound('User', id);
    const user = await this.users.findOneBy({ id });
    if (!user) throw DomainError.notFound('User', id);
    return toUserView(user);
  }

  /** Users ordered by email, paged by a keyset cursor on the email. */
  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserView>> {
    if (actor.role === Role.Customer) throw new DomainError(ErrorCode.Forbidden, 'Customers cannot list users');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy('u.email', 'ASC')
      .take(limit + 1);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.cursor) {
      const after = decodeKeyCursor(query.cursor);
      if (after === null) throw invalidCursor();
      qb.andWhere('u.email > :after', { after });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      data: page.map(toUserView),
      nextCursor: rows.length > limit ? encodeKeyCursor(page[page.length - 1].email) : null,
    };
  }

  /**
   * The requester of a new ticket: the caller when it is a customer or no requester is named;
   * otherwise the named person, found by email or added to the directory as a customer.
   */
  async resolveRequester(manager: EntityManager, actor: Actor, requester?: RequesterRefDto): Promise<Pick<User, 'id' | 'name' | 'email'>> {
    if (actor.role === Role.Customer || !requester) return { id: actor.id, name: actor.name, email: actor.email };
    const email = requester.email.trim().toLowerCase();
    const found = await manager.findOne(User, { where: { email }, select: ['id', 'name', 'email'] });
    if (found) return found;
    const id = randomUUID();
    const name = requester.name?.trim() || nameFromEmail(email);
    await manager.query(
      `INSERT INTO "ticket"."users" (id, email, name, role) VALUES ($1, $2, $3, 'customer') ON CONFLICT (email) DO NOTHING`,
      [id, email, name],
    );
    return manager.findOneOrFail(User, { where: { email }, select: ['id', 'name', 'email'] });
  }
}
