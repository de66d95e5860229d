import { randomUUID } from 'node:crypto';
import {
  Actor,
  AuthenticateCommand,
  CreateUserDto,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  FieldError,
  isStaff,
  ListUsersQuery,
  Locale,
  Page,
  RequesterRefDto,
  Role,
  UpdateUserDto,
  UserView,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor, invalidCursor } from '../tickets/ticket-cursor';
import { adminOnly, staffOnly, unprocessable } from './directory-errors';
import { OrganizationsService } from './organizations.service';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { nameFromEmail, toUserView } from './user.mapper';

/** A hash to verify against when the email is unknown, so a login takes the same time either way. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0mNnHmT3QJ7pVg9qQ2h0V0Zy3u8E8l0rYb0m8o0Yg3E';

/** The requester of a new ticket, with the organization the ticket belongs to. */
export interface Requester {
  id: string;
  name: string;
  email: string;
  organizationId: string | null;
}

/** A user row as requesters are read. */
interface RequesterRow {
  id: string;
  name: string;
  email: string;
  organization_id: string | null;
}

function toRequester(row: RequesterRow): Requester {
  return { id: row.id, name: row.name, email: row.email, organizationId: row.organization_id };
}

/** Tier, skills and capacity describe staff; a customer with them is a mistake worth a 422. */
export function staffFieldErrors(role: Role, fields: Pick<UpdateUserDto, 'tier' | 'skills' | 'capacity'>): FieldError[] {
  if (role !== Role.Customer) return [];
  return (['tier', 'skills', 'capacity'] as const)
    .filter((f) => {
      const value = fields[f];
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    })
    .map((field) => ({ field, message: `${field} applies to staff only, not to customers` }));
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly organizations: OrganizationsService,
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
    return this.view(user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    if (actor.role !== Role.Admin) throw adminOnly('create users');
    return this.view(await this.insert(dto));
  }

  /** Creates a user; a taken email is a 409. A customer without an organization joins the one of their email domain. */
  async insert(dto: CreateUserDto): Promise<User> {
    const email = dto.email.trim().toLowerCase();
    const invalid = staffFieldErrors(dto.role, dto);
    if (invalid.length) throw unprocessable('Staff fields given for a customer', invalid);
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : null;
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      let organizationId = dto.organizationId ?? null;
      if (organizationId && !(await this.organizations.exists(manager, organizationId))) {
        throw unprocessable(`Organization ${organizationId} does not exist`, [
          { field: 'organizationId', message: 'organizationId must name an existing organization' },
        ]);
      }
      if (!organizationId && dto.role === Role.Customer) organizationId = await this.organizations.idForEmail(manager, email);
      const inserted = await sqlRows(
        manager,
        `INSERT INTO "ticket"."users" (id, email, name, role, locale, password_hash, phone, organization_id, tier, skills, capacity)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [
          id,
          email,
          dto.name,
          dto.role,
          dto.locale ?? Locale.Es,
          passwordHash,
          dto.phone ?? null,
          organizationId,
          dto.tier ?? null,
          dto.skills ?? [],
          dto.capacity ?? null,
        ],
      );
      if (!inserted.length) throw new DomainError(ErrorCode.Conflict, `A user with email ${email} already exists`, { email });
    });
    return this.users.findOneByOrFail({ id });
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    if (actor.role === Role.Customer && actor.id !== id) throw DomainError.notFound('User', id);
    const user = await this.users.findOneBy({ id });
    if (!user) throw DomainError.notFound('User', id);
    return this.view(user);
  }

  async update(actor: Actor, id: string, changes: UpdateUserDto): Promise<UserView> {
    if (actor.role !== Role.Admin) throw adminOnly('change users');
    const passwordHash = changes.password ? await this.hasher.hash(changes.password) : undefined;
    await this.uow.run(async ({ manager }) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('User', id);
      const role = changes.role ?? user.role;
      if (user.id === actor.id && role !== Role.Admin) {
        throw unprocessable('Admins cannot take away their own admin role', [{ field: 'role', message: 'you cannot demote yourself' }]);
      }
      if (user.id === actor.id && changes.active === false) {
        throw unprocessable('Admins cannot deactivate themselves', [{ field: 'active', message: 'you cannot deactivate yourself' }]);
      }
      const invalid = staffFieldErrors(role, {
        tier: changes.tier !== undefined ? changes.tier : role !== user.role ? user.tier : undefined,
        skills: changes.skills !== undefined ? changes.skills : role !== user.role ? user.skills : undefined,
        capacity: changes.capacity !== undefined ? changes.capacity : role !== user.role ? user.capacity : undefined,
      });
      if (invalid.length) throw unprocessable('Staff fields on a customer', invalid);
      if (changes.organizationId && !(await this.organizations.exists(manager, changes.organizationId))) {
        throw unprocessable(`Organization ${changes.organizationId} does not exist`, [
          { field: 'organizationId', message: 'organizationId must name an existing organization' },
        ]);
      }
      await manager.query(
        `UPDATE "ticket"."users" SET
            name = coalesce($2, name), role = coalesce($3, role), locale = coalesce($4, locale), active = coalesce($5, active),
            password_hash = coalesce($6, password_hash),
            phone = CASE WHEN $7::boolean THEN $8 ELSE phone END,
            organization_id = CASE WHEN $9::boolean THEN $10::uuid ELSE organization_id END,
            tier = CASE WHEN $11::boolean THEN $12::smallint ELSE tier END,
            skills = coalesce($13::text[], skills),
            capacity = CASE WHEN $14::boolean THEN $15::integer ELSE capacity END,
            updated_at = now()
          WHERE id = $1`,
        [
          id,
          changes.name ?? null,
          changes.role ?? null,
          changes.locale ?? null,
          changes.active ?? null,
          passwordHash ?? null,
          changes.phone !== undefined,
          changes.phone ?? null,
          changes.organizationId !== undefined,
          changes.organizationId ?? null,
          changes.tier !== undefined,
          changes.tier ?? null,
          changes.skills ?? null,
          changes.capacity !== undefined,
          changes.capacity ?? null,
        ],
      );
      // A person who is no longer staff leaves their teams.
      if (role === Role.Customer && user.role !== Role.Customer) {
        await manager.query(`DELETE FROM "ticket"."team_members" WHERE user_id = $1`, [id]);
      }
    });
    return this.get(actor, id);
  }

  /** Users ordered by email, paged by a keyset cursor on the email. */
  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserView>> {
    if (!isStaff(actor)) throw staffOnly('list users');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy('u.email', 'ASC')
      .take(limit + 1);
    if (query.email) qb.andWhere('u.email = :email', { email: query.email.trim().toLowerCase() });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.organizationId) qb.andWhere('u.organizationId = :org', { org: query.organizationId });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.teamId) {
      qb.andWhere('u.id IN (SELECT m.user_id FROM "ticket"."team_members" m WHERE m.team_id = :teamId)', { teamId: query.teamId });
    }
    if (query.cursor) {
      const after = decodeKeyCursor(query.cursor);
      if (after === null) throw invalidCursor();
      qb.andWhere('u.email > :after', { after });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const teams = await this.teamIds(page.map((u) => u.id));
    return {
      data: page.map((u) => toUserView(u, teams.get(u.id) ?? [])),
      nextCursor: rows.length > limit ? encodeKeyCursor(page[page.length - 1].email) : null,
    };
  }

  /**
   * The requester of a new ticket: the caller when it is a customer or no requester is named;
   * otherwise the named person, found by email or added to the directory as a customer (joining
   * the organization of their email domain).
   */
  async resolveRequester(manager: EntityManager, actor: Actor, requester?: RequesterRefDto): Promise<Requester> {
    if (actor.role === Role.Customer || !requester) {
      const [self] = await sqlRows<{ organization_id: string | null }>(
        manager,
        `SELECT organization_id FROM "ticket"."users" WHERE id = $1`,
        [actor.id],
      );
      return { id: actor.id, name: actor.name, email: actor.email, organizationId: self?.organization_id ?? null };
    }
    const email = requester.email.trim().toLowerCase();
    const found = await this.findRequester(manager, email);
    if (found) return found;
    const organizationId = await this.organizations.idForEmail(manager, email);
    const [inserted] = await sqlRows<RequesterRow>(
      manager,
      `INSERT INTO "ticket"."users" (id, email, name, role, organization_id) VALUES ($1, $2, $3, 'customer', $4) ON CONFLICT (email) DO NOTHING
       RETURNING id, name, email, organization_id`,
      [randomUUID(), email, requester.name?.trim() || nameFromEmail(email), organizationId],
    );
    if (inserted) return toRequester(inserted);
    // Someone else added the same address meanwhile: theirs.
    const created = await this.findRequester(manager, email);
    if (!created) throw new DomainError(ErrorCode.Internal, `Requester ${email} could not be recorded`);
    return created;
  }

  private async findRequester(manager: EntityManager, email: string): Promise<Requester | null> {
    const [row] = await sqlRows<RequesterRow>(manager, `SELECT id, name, email, organization_id FROM "ticket"."users" WHERE email = $1`, [
      email,
    ]);
    return row ? toRequester(row) : null;
  }

  private async view(user: User): Promise<UserView> {
    const teams = await this.teamIds([user.id]);
    return toUserView(user, teams.get(user.id) ?? []);
  }

  private async teamIds(userIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!userIds.length) return out;
    const rows = await sqlRows<{ user_id: string; team_id: string }>(
      this.dataSource,
      `SELECT user_id, team_id FROM "ticket"."team_members" WHERE user_id = ANY($1::uuid[]) ORDER BY added_at, team_id`,
      [userIds],
    );
    for (const row of rows) out.set(row.user_id, [...(out.get(row.user_id) ?? []), row.team_id]);
    return out;
  }
}
