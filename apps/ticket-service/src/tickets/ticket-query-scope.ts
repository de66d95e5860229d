import { Actor, Role } from '@helpdesk/contracts';
import { sqlRows } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { StaffScope } from './ticket-access';

/** What one caller may see of the tickets, as loaded once per request. */
export type TicketQueryScope =
  { kind: 'staff'; scope: StaffScope } | { kind: 'customer'; userId: string; sharedOrganizationId: string | null };

/** A condition over the alias `t` (Ticket) in TypeORM's syntax, with its named parameters. */
export interface ScopeCondition {
  where: string;
  params: Record<string, unknown>;
}

/**
 * The SQL form of the access rules (`ticket-access.ts` and docs/access-matrix.md): the one
 * condition list, search and views add to every ticket query. null when nothing is hidden.
 * Followers are matched with `@>` (not `= ANY`), which the GIN index on follower_ids serves, so a
 * customer's tickets are found from the indexes instead of by reading every ticket.
 */
const FOLLOWS = 't.followerIds @> CAST(ARRAY[:scopeUser] AS uuid[])';

export function scopeCondition(scope: TicketQueryScope): ScopeCondition | null {
  if (scope.kind === 'staff') {
    if (scope.scope.all) return null;
    return {
      where: `(t.teamId IS NULL OR t.teamId = ANY(:scopeTeams) OR t.assigneeId = :scopeUser OR ${FOLLOWS})`,
      params: { scopeTeams: scope.scope.teamIds, scopeUser: scope.scope.userId },
    };
  }
  if (scope.sharedOrganizationId) {
    return {
      where: `(t.requesterId = :scopeUser OR ${FOLLOWS} OR t.organizationId = :scopeOrg)`,
      params: { scopeUser: scope.userId, scopeOrg: scope.sharedOrganizationId },
    };
  }
  return { where: `(t.requesterId = :scopeUser OR ${FOLLOWS})`, params: { scopeUser: scope.userId } };
}

/** Loads the caller's access scope: their teams (staff) or their organization's sharing (customers). */
@Injectable()
export class TicketQueryScopes {
  constructor(@Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig) {}

  async forActor(manager: EntityManager, actor: Actor): Promise<TicketQueryScope> {
    if (actor.role === Role.Customer) return { kind: 'customer', userId: actor.id, ...(await this.customer(manager, actor)) };
    return { kind: 'staff', scope: await this.staff(manager, actor) };
  }

  async staff(manager: EntityManager, actor: Actor): Promise<StaffScope> {
    if (actor.role === Role.Admin || this.config.agentTicketAccess === 'all') return { all: true, userId: actor.id, teamIds: [] };
    return { all: false, userId: actor.id, teamIds: await this.teamsOf(manager, actor.id) };
  }

  /** A customer sees their own tickets, and their organization's when it shares tickets. */
  async customer(manager: EntityManager, actor: Actor): Promise<{ sharedOrganizationId: string | null }> {
    const [row] = await sqlRows<{ organization_id: string | null }>(
      manager,
      `SELECT o.id AS organization_id FROM "ticket"."users" u JOIN "ticket"."organizations" o ON o.id = u.organization_id
        WHERE u.id = $1 AND o.shared_tickets`,
      [actor.id],
    );
    return { sharedOrganizationId: row?.organization_id ?? null };
  }

  /** The teams someone belongs to or supervises, whatever they may see. */
  async teamsOf(manager: EntityManager, userId: string): Promise<string[]> {
    const rows = await sqlRows<{ team_id: string }>(
      manager,
      `SELECT team_id FROM "ticket"."team_members" WHERE user_id = $1 UNION SELECT id FROM "ticket"."teams" WHERE supervisor_id = $1`,
      [userId],
    );
    return rows.map((r) => r.team_id);
  }
}
