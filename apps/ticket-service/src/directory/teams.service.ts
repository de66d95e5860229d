import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateTeamDto,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  isStaff,
  ListTeamsQuery,
  Page,
  Role,
  RoutingStrategy,
  TeamView,
  UpdateTeamDto,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor, invalidCursor } from '../tickets/ticket-cursor';
import { RoutingService } from '../routing/routing.service';
import { adminOnly, isUniqueViolation, staffOnly, unprocessable } from './directory-errors';

interface TeamRow {
  id: string;
  name: string;
  tier: number;
  supervisor_id: string | null;
  routing_strategy: RoutingStrategy;
  member_ids: string[] | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_TEAM = `
  SELECT t.id, t.name, t.tier, t.supervisor_id, t.routing_strategy, t.created_at, t.updated_at,
         (SELECT coalesce(array_agg(m.user_id::text ORDER BY m.added_at, m.user_id), '{}') FROM "ticket"."team_members" m WHERE m.team_id = t.id) AS member_ids
    FROM "ticket"."teams" t`;

function toView(row: TeamRow): TeamView {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier as TeamView['tier'],
    supervisorId: row.supervisor_id,
    routingStrategy: row.routing_strategy,
    memberIds: row.member_ids ?? [],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class TeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly routing: RoutingService,
  ) {}

  async create(actor: Actor, dto: CreateTeamDto): Promise<TeamView> {
    if (actor.role !== Role.Admin) throw adminOnly('create teams');
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      if (dto.supervisorId) await this.assertStaff(manager, [dto.supervisorId], 'supervisorId');
      const members = [...new Set(dto.memberIds ?? [])];
      if (members.length) await this.assertStaff(manager, members, 'memberIds');
      await this.conflictOnName(dto.name, () =>
        manager.query(`INSERT INTO "ticket"."teams" (id, name, tier, supervisor_id, routing_strategy) VALUES ($1, $2, $3, $4, $5)`, [
          id,
          dto.name.trim(),
          dto.tier,
          dto.supervisorId ?? null,
          dto.routingStrategy ?? RoutingStrategy.RoundRobin,
        ]),
      );
      if (members.length) {
        // Members keep the order given (round robin follows it).
        await manager.query(
          `INSERT INTO "ticket"."team_members" (team_id, user_id, added_at)
           SELECT $1, m.user_id, now() + m.ord * interval '1 microsecond' FROM unnest($2::uuid[]) WITH ORDINALITY AS m(user_id, ord)`,
          [id, members],
        );
      }
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<TeamView> {
    if (!isStaff(actor)) throw staffOnly('read teams');
    const [row] = await sqlRows<TeamRow>(this.dataSource, `${SELECT_TEAM} WHERE t.id = $1`, [id]);
    if (!row) throw DomainError.notFound('Team', id);
    return toView(row);
  }

  async list(actor: Actor, query: ListTeamsQuery): Promise<Page<TeamView>> {
    if (!isStaff(actor)) throw staffOnly('list teams');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (query.tier) {
      params.push(query.tier);
      where.push(`t.tier = $${params.length}`);
    }
    if (query.cursor) {
      const after = decodeKeyCursor(query.cursor);
      if (after === null) throw invalidCursor();
      params.push(after);
      where.push(`lower(t.name) > $${params.length}`);
    }
    const rows = await sqlRows<TeamRow>(
      this.dataSource,
      `${SELECT_TEAM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(t.name) LIMIT $1`,
      params,
    );
    const page = rows.slice(0, limit);
    return { data: page.map(toView), nextCursor: rows.length > limit ? encodeKeyCursor(page[page.length - 1].name.toLowerCase()) : null };
  }

  async update(actor: Actor, id: string, changes: UpdateTeamDto): Promise<TeamView> {
    if (actor.role !== Role.Admin) throw adminOnly('change teams');
    await this.uow.run(async ({ manager }) => {
      await this.lock(manager, id);
      if (changes.supervisorId) await this.assertStaff(manager, [changes.supervisorId], 'supervisorId');
      await this.conflictOnName(changes.name ?? '', () =>
        manager.query(
          `UPDATE "ticket"."teams"
              SET name = coalesce($2, name), tier = coalesce($3, tier), routing_strategy = coalesce($4, routing_strategy),
                  supervisor_id = CASE WHEN $5::boolean THEN $6::uuid ELSE supervisor_id END, updated_at = now()
            WHERE id = $1`,
          [
            id,
            changes.name?.trim() ?? null,
            changes.tier ?? null,
            changes.routingStrategy ?? null,
            changes.supervisorId !== undefined,
            changes.supervisorId ?? null,
          ],
        ),
      );
    });
    // A team's tier decides which rules apply when escalating.
    this.routing.invalidateRules();
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    if (actor.role !== Role.Admin) throw adminOnly('delete teams');
    const deleted = await sqlRows<{ id: string }>(this.dataSource, `DELETE FROM "ticket"."teams" WHERE id = $1 RETURNING id`, [id]);
    if (!deleted.length) throw DomainError.notFound('Team', id);
    this.routing.invalidateRules();
  }

  /** Adds a staff member; adding someone already in the team changes nothing. */
  async addMember(actor: Actor, id: string, userId: string): Promise<TeamView> {
    if (actor.role !== Role.Admin) throw adminOnly('change team members');
    await this.uow.run(async ({ manager }) => {
      await this.lock(manager, id);
      await this.assertStaff(manager, [userId], 'userId');
      await manager.query(`INSERT INTO "ticket"."team_members" (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, userId]);
    });
    return this.get(actor, id);
  }

  async removeMember(actor: Actor, id: string, userId: string): Promise<TeamView> {
    if (actor.role !== Role.Admin) throw adminOnly('change team members');
    await this.uow.run(async ({ manager }) => {
      await this.lock(manager, id);
      const removed = await sqlRows(manager, `DELETE FROM "ticket"."team_members" WHERE team_id = $1 AND user_id = $2 RETURNING user_id`, [
        id,
        userId,
      ]);
      if (!removed.length)
        throw new DomainError(ErrorCode.NotFound, `User ${userId} is not a member of team ${id}`, { teamId: id, userId });
    });
    return this.get(actor, id);
  }

  private async lock(manager: EntityManager, id: string): Promise<void> {
    const rows = await sqlRows(manager, `SELECT id FROM "ticket"."teams" WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) throw DomainError.notFound('Team', id);
  }

  /** Supervisors and members must be active staff (agents, supervisors or admins). */
  private async assertStaff(manager: EntityManager, ids: string[], field: string): Promise<void> {
    const rows = await sqlRows<{ id: string }>(
      manager,
      `SELECT id FROM "ticket"."users" WHERE id = ANY($1::uuid[]) AND role <> 'customer' AND active`,
      [ids],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw unprocessable(`Not active staff: ${missing.join(', ')}`, [
        { field, message: `${field} must name active agents, supervisors or admins` },
      ]);
    }
  }

  private async conflictOnName(name: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.Conflict, `A team named ${name} already exists`);
      throw error;
    }
  }
}
