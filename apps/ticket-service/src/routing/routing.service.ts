import { randomUUID } from 'node:crypto';
import { Actor, CreateRoutingRuleDto, isStaff, Role, RoutingRuleView, RoutingStrategy, UpdateRoutingRuleDto } from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { adminOnly, staffOnly, unprocessable } from '../directory/directory-errors';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { AgentChoice, chooseAgent } from './agent-selection';
import { firstMatchingRule, RoutableTicket, RuleConditions } from './routing-rules';

interface RuleRow {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RuleConditions;
  team_id: string;
  required_skills: string[];
  created_at: Date;
  updated_at: Date;
}

/** Where routing sent a ticket, and why (written to the ticket's history). */
export interface RoutingDecision {
  teamId: string;
  teamReason: string;
  agent: AgentChoice;
}

function toView(row: RuleRow): RoutingRuleView {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    conditions: row.conditions,
    teamId: row.team_id,
    requiredSkills: row.required_skills,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class RoutingService {
  private rulesCache?: { at: number; rules: (RuleRow & { tier: number; teamId: string })[] };

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly customFields: CustomFieldsService,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  async create(actor: Actor, dto: CreateRoutingRuleDto): Promise<RoutingRuleView> {
    if (actor.role !== Role.Admin) throw adminOnly('define routing rules');
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      await this.assertTeam(manager, dto.teamId);
      await this.assertCustomFieldKeys(manager, dto.conditions);
      const [{ next }] = await sqlRows<{ next: number }>(
        manager,
        `SELECT coalesce(max(position), 0) + 10 AS next FROM "ticket"."routing_rules"`,
      );
      await manager.query(
        `INSERT INTO "ticket"."routing_rules" (id, name, position, active, conditions, team_id, required_skills) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [
          id,
          dto.name.trim(),
          dto.position ?? next,
          dto.active ?? true,
          JSON.stringify(dto.conditions),
          dto.teamId,
          dto.requiredSkills ?? [],
        ],
      );
    });
    this.invalidateRules();
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<RoutingRuleView[]> {
    if (!isStaff(actor)) throw staffOnly('read routing rules');
    const rows = await sqlRows<RuleRow>(this.dataSource, `SELECT * FROM "ticket"."routing_rules" ORDER BY position, name`);
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<RoutingRuleView> {
    if (!isStaff(actor)) throw staffOnly('read routing rules');
    const [row] = await sqlRows<RuleRow>(this.dataSource, `SELECT * FROM "ticket"."routing_rules" WHERE id = $1`, [id]);
    if (!row) throw DomainError.notFound('Routing rule', id);
    return toView(row);
  }

  async update(actor: Actor, id: string, changes: UpdateRoutingRuleDto): Promise<RoutingRuleView> {
    if (actor.role !== Role.Admin) throw adminOnly('change routing rules');
    await this.uow.run(async ({ manager }) => {
      if (changes.teamId) await this.assertTeam(manager, changes.teamId);
      if (changes.conditions) await this.assertCustomFieldKeys(manager, changes.conditions);
      const updated = await sqlRows(
        manager,
        `UPDATE "ticket"."routing_rules" SET name = coalesce($2, name), position = coalesce($3, position), active = coalesce($4, active),
                conditions = coalesce($5::jsonb, conditions), team_id = coalesce($6, team_id), required_skills = coalesce($7::text[], required_skills),
                updated_at = now()
          WHERE id = $1 RETURNING id`,
        [
          id,
          changes.name?.trim() ?? null,
          changes.position ?? null,
          changes.active ?? null,
          changes.conditions ? JSON.stringify(changes.conditions) : null,
          changes.teamId ?? null,
          changes.requiredSkills ?? null,
        ],
      );
      if (!updated.length) throw DomainError.notFound('Routing rule', id);
    });
    this.invalidateRules();
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    if (actor.role !== Role.Admin) throw adminOnly('delete routing rules');
    const deleted = await sqlRows(this.dataSource, `DELETE FROM "ticket"."routing_rules" WHERE id = $1 RETURNING id`, [id]);
    if (!deleted.length) throw DomainError.notFound('Routing rule', id);
    this.invalidateRules();
  }

  /**
   * Routes a ticket inside the caller's transaction: the first matching rule chooses the team
   * (only teams of `tier` when given; with a tier and no matching rule, the first team of that tier
   * by name), then the team's strategy chooses the agent. The team row is locked so concurrent
   * routings take turns in round robin. Null when no rule matches and no tier was asked for.
   */
  async route(manager: EntityManager, ticket: RoutableTicket, options: { tier?: number } = {}): Promise<RoutingDecision | null> {
    const rules = (await this.activeRules(manager)).filter((r) => options.tier === undefined || r.tier === options.tier);
    const rule = firstMatchingRule(ticket, rules);
    let teamId = rule?.teamId;
    let teamReason = rule ? `rule "${rule.name}" matched` : '';
    if (!teamId && options.tier !== undefined) {
      const [fallback] = await sqlRows<{ id: string; name: string }>(
        manager,
        `SELECT id, name FROM "ticket"."teams" WHERE tier = $1 ORDER BY lower(name) LIMIT 1`,
        [options.tier],
      );
      if (!fallback) return null;
      teamId = fallback.id;
      teamReason = `no rule matched; ${fallback.name} is the first team of tier ${options.tier}`;
    }
    if (!teamId) return null;
    const agent = await this.chooseAgentIn(manager, teamId, rule?.required_skills ?? []);
    return { teamId, teamReason, agent };
  }

  /**
   * The active rules with their team's tier, read at most every ROUTING_RULES_CACHE_MS: routing
   * runs on every new ticket and rules change rarely. A change made through this replica applies
   * at once; other replicas see it within the cache time.
   */
  private async activeRules(manager: EntityManager): Promise<(RuleRow & { tier: number; teamId: string })[]> {
    const now = Date.now();
    if (this.rulesCache && now - this.rulesCache.at < this.config.routingRulesCacheMs) return this.rulesCache.rules;
    const rows = await sqlRows<RuleRow & { tier: number }>(
      manager,
      `SELECT r.*, t.tier FROM "ticket"."routing_rules" r JOIN "ticket"."teams" t ON t.id = r.team_id WHERE r.active`,
    );
    const rules = rows.map((r) => ({ ...r, teamId: r.team_id }));
    this.rulesCache = { at: now, rules };
    return rules;
  }

  /** Forgets the cached rules (after a change to rules or teams made here). */
  invalidateRules(): void {
    this.rulesCache = undefined;
  }

  private async chooseAgentIn(manager: EntityManager, teamId: string, requiredSkills: string[]): Promise<AgentChoice> {
    const [team] = await sqlRows<{ routing_strategy: RoutingStrategy; last_assigned_user_id: string | null }>(
      manager,
      `SELECT routing_strategy, last_assigned_user_id FROM "ticket"."teams" WHERE id = $1 FOR UPDATE`,
      [teamId],
    );
    const members = await sqlRows<{
      id: string;
      name: string;
      active: boolean;
      capacity: number | null;
      skills: string[];
      open_tickets: string;
    }>(
      manager,
      `SELECT u.id, u.name, u.active, u.capacity, u.skills,
              (SELECT count(*) FROM "ticket"."tickets" t WHERE t.assignee_id = u.id AND t.status IN ('new', 'open', 'pending', 'on_hold')) AS open_tickets
         FROM "ticket"."team_members" m JOIN "ticket"."users" u ON u.id = m.user_id
        WHERE m.team_id = $1 ORDER BY m.added_at, m.user_id`,
      [teamId],
    );
    const choice = chooseAgent(
      team.routing_strategy,
      members.map((m) => ({
        id: m.id,
        name: m.name,
        active: m.active,
        capacity: m.capacity,
        skills: m.skills,
        openTickets: Number(m.open_tickets),
      })),
      { requiredSkills, lastAssignedId: team.last_assigned_user_id },
    );
    if (choice.agentId) {
      await manager.query(`UPDATE "ticket"."teams" SET last_assigned_user_id = $2 WHERE id = $1`, [teamId, choice.agentId]);
    }
    return choice;
  }

  private async assertCustomFieldKeys(manager: EntityManager, conditions: RuleConditions): Promise<void> {
    const unknown = await this.customFields.unknownKeys(
      manager,
      (conditions.customFields ?? []).map((c) => c.key),
    );
    if (unknown.length) {
      throw unprocessable(`Unknown custom field ${unknown.join(', ')}`, [
        { field: 'conditions.customFields', message: `${unknown.join(', ')} is not an active custom field` },
      ]);
    }
  }

  private async assertTeam(manager: EntityManager, teamId: string): Promise<void> {
    const rows = await sqlRows(manager, `SELECT 1 FROM "ticket"."teams" WHERE id = $1`, [teamId]);
    if (!rows.length)
      throw unprocessable(`Team ${teamId} does not exist`, [{ field: 'teamId', message: 'teamId must name an existing team' }]);
  }
}
