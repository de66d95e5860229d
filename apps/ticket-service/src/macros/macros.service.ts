import { randomUUID } from 'node:crypto';
import {
  Actor,
  ApplyMacroCommand,
  CreateMacroDto,
  ErrorCode,
  FieldError,
  isStaff,
  MACRO_CURRENT_USER,
  MacroActionsDto,
  MacroApplicationView,
  MacroView,
  MacroVisibility,
  Role,
  UpdateMacroDto,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { validateInput } from '../custom-fields/custom-field-values';
import { staffOnly, unprocessable } from '../directory/directory-errors';
import { TicketsService } from '../tickets/tickets.service';
import { macroUpdate, placeholderValues, renderPlaceholders, unknownPlaceholders } from './macro-template';

interface MacroRow {
  id: string;
  title: string;
  description: string | null;
  actions: MacroActionsDto;
  visibility: MacroVisibility;
  team_id: string | null;
  owner_id: string | null;
  active: boolean;
  usage_count: number;
  created_at: Date;
  updated_at: Date;
}

function toView(row: MacroRow): MacroView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    actions: row.actions,
    visibility: row.visibility,
    teamId: row.team_id,
    ownerId: row.owner_id,
    active: row.active,
    usageCount: row.usage_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Thrown inside a preview's transaction so that everything it did is rolled back. */
class PreviewRollback extends Error {
  constructor(readonly result: MacroApplicationView) {
    super('macro preview');
  }
}

/** The teams a staff member works in: as a member or as the supervisor. */
interface TeamsOf {
  memberOf: string[];
  supervises: string[];
}

/**
 * Macros: named sets of actions (status, priority, type, team, assignee, tags, custom fields, and
 * a public reply or internal note with placeholders) that agents apply to a ticket in one change.
 * Shared macros are for all staff, team macros for a team's members, personal ones for their owner.
 */
@Injectable()
export class MacrosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketsService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async create(actor: Actor, dto: CreateMacroDto): Promise<MacroView> {
    if (!isStaff(actor)) throw staffOnly('create macros');
    const visibility = dto.visibility ?? MacroVisibility.Personal;
    if (visibility === MacroVisibility.Team && !dto.teamId) {
      throw unprocessable('A team macro needs its team', [{ field: 'teamId', message: 'teamId is required with visibility team' }]);
    }
    if (visibility !== MacroVisibility.Team && dto.teamId) {
      throw unprocessable('Only team macros name a team', [{ field: 'teamId', message: 'teamId is only for visibility team' }]);
    }
    const teamId = visibility === MacroVisibility.Team ? (dto.teamId as string) : null;
    const ownerId = visibility === MacroVisibility.Personal ? actor.id : null;
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      if (teamId) await this.assertTeamExists(manager, teamId);
      this.assertMayManage(actor, { visibility, team_id: teamId, owner_id: ownerId }, await this.teamsOf(manager, actor));
      await this.assertActions(manager, dto.actions);
      await manager.query(
        `INSERT INTO "ticket"."macros" (id, title, description, actions, visibility, team_id, owner_id, active) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
        [id, dto.title.trim(), dto.description ?? null, JSON.stringify(dto.actions), visibility, teamId, ownerId, dto.active ?? true],
      );
    });
    return this.get(actor, id);
  }

  /** The macros the caller may use, most used first. */
  async list(actor: Actor): Promise<MacroView[]> {
    if (!isStaff(actor)) throw staffOnly('use macros');
    const teams = await this.teamsOf(this.dataSource.manager, actor);
    const rows = await sqlRows<MacroRow>(
      this.dataSource,
      `SELECT * FROM "ticket"."macros"
        WHERE visibility = 'shared' OR owner_id = $1 OR team_id = ANY($2::uuid[]) OR ($3 AND visibility = 'team')
        ORDER BY usage_count DESC, lower(title), id`,
      [actor.id, [...teams.memberOf, ...teams.supervises], actor.role === Role.Admin],
    );
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<MacroView> {
    if (!isStaff(actor)) throw staffOnly('use macros');
    return toView(await this.visibleMacro(this.dataSource.manager, actor, id));
  }

  async update(actor: Actor, id: string, changes: UpdateMacroDto): Promise<MacroView> {
    if (!isStaff(actor)) throw staffOnly('change macros');
    await this.uow.run(async ({ manager }) => {
      const row = await this.visibleMacro(manager, actor, id);
      this.assertMayManage(actor, row, await this.teamsOf(manager, actor));
      if (changes.actions) await this.assertActions(manager, changes.actions);
      await manager.query(
        `UPDATE "ticket"."macros" SET title = $2, description = $3, actions = $4::jsonb, active = $5, updated_at = now() WHERE id = $1`,
        [
          id,
          changes.title?.trim() ?? row.title,
          changes.description === undefined ? row.description : changes.description,
          JSON.stringify(changes.actions ?? row.actions),
          changes.active ?? row.active,
        ],
      );
    });
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    if (!isStaff(actor)) throw staffOnly('delete macros');
    await this.uow.run(async ({ manager }) => {
      const row = await this.visibleMacro(manager, actor, id);
      this.assertMayManage(actor, row, await this.teamsOf(manager, actor));
      await manager.query(`DELETE FROM "ticket"."macros" WHERE id = $1`, [id]);
    });
  }

  /**
   * Applies a macro to a ticket in one transaction: its field changes (with the macro named as the
   * reason in the history) and its comment, placeholders filled from the ticket after the changes.
   * A preview runs exactly the same work and rolls it back, so it shows what applying would do.
   */
  async apply({ actor, ticketId, macroId, preview, expectedVersion }: ApplyMacroCommand): Promise<MacroApplicationView> {
    if (!isStaff(actor)) throw staffOnly('apply macros');
    try {
      return await this.uow.run(async (tx) => {
        const macro = await this.visibleMacro(tx.manager, actor, macroId);
        if (!macro.active) {
          throw unprocessable(`The macro "${macro.title}" is inactive`, [{ field: 'macroId', message: 'activate the macro first' }]);
        }
        const { ticket, view, changes } = await this.tickets.updateWithin(
          tx,
          { actor, ticketId, expectedVersion, changes: macroUpdate(macro.actions, actor.id) },
          { reason: `macro "${macro.title}"` },
        );
        let comment: MacroApplicationView['comment'] = null;
        if (macro.actions.comment) {
          const body = renderPlaceholders(
            macro.actions.comment.body,
            placeholderValues({ ticket, requester: view.requester, currentUser: actor }),
          );
          const isPublic = macro.actions.comment.public ?? true;
          const saved = await this.tickets.insertComment(tx, ticket, { authorId: actor.id, staff: true }, body, isPublic);
          comment = { id: preview ? null : saved.comment.id, body, public: isPublic };
        }
        const result: MacroApplicationView = {
          preview,
          ticket: view,
          comment,
          changes: changes.map(({ field, from, to }) => ({ field, from, to })),
        };
        if (preview) throw new PreviewRollback(result);
        await tx.manager.query(`UPDATE "ticket"."macros" SET usage_count = usage_count + 1 WHERE id = $1`, [macro.id]);
        return result;
      });
    } catch (error) {
      if (error instanceof PreviewRollback) return error.result;
      throw error;
    }
  }

  /** The macro if the caller may use it; 404 otherwise (someone else's personal macro reveals nothing). */
  private async visibleMacro(manager: EntityManager, actor: Actor, id: string): Promise<MacroRow> {
    const [row] = await sqlRows<MacroRow>(manager, `SELECT * FROM "ticket"."macros" WHERE id = $1`, [id]);
    if (!row) throw DomainError.notFound('Macro', id);
    if (
      row.visibility === MacroVisibility.Shared ||
      row.owner_id === actor.id ||
      (actor.role === Role.Admin && row.visibility === MacroVisibility.Team)
    )
      return row;
    if (row.team_id) {
      const teams = await this.teamsOf(manager, actor);
      if ([...teams.memberOf, ...teams.supervises].includes(row.team_id)) return row;
    }
    throw DomainError.notFound('Macro', id);
  }

  /** Shared macros: admins; team macros: admins and the team's supervisor; personal: their owner. */
  private assertMayManage(actor: Actor, macro: Pick<MacroRow, 'visibility' | 'team_id' | 'owner_id'>, teams: TeamsOf): void {
    if (macro.visibility === MacroVisibility.Personal && macro.owner_id === actor.id) return;
    if (actor.role === Role.Admin && macro.visibility !== MacroVisibility.Personal) return;
    if (macro.visibility === MacroVisibility.Team && macro.team_id && teams.supervises.includes(macro.team_id)) return;
    throw new DomainError(
      ErrorCode.Forbidden,
      macro.visibility === MacroVisibility.Team
        ? 'Only admins and the team’s supervisor manage a team macro'
        : macro.visibility === MacroVisibility.Shared
          ? 'Only admins manage shared macros'
          : 'Only its owner manages a personal macro',
    );
  }

  /** Actions refer to things that exist: known placeholders, a team, an active agent, valid custom field values. */
  private async assertActions(manager: EntityManager, actions: MacroActionsDto): Promise<void> {
    const errors: FieldError[] = [];
    const unknown = actions.comment ? unknownPlaceholders(actions.comment.body) : [];
    if (unknown.length) {
      errors.push({ field: 'actions.comment.body', message: `unknown placeholder(s): ${unknown.map((p) => `{{${p}}}`).join(', ')}` });
    }
    if (actions.teamId) {
      const rows = await sqlRows(manager, `SELECT 1 FROM "ticket"."teams" WHERE id = $1`, [actions.teamId]);
      if (!rows.length) errors.push({ field: 'actions.teamId', message: 'actions.teamId must name an existing team' });
    }
    if (actions.assigneeId && actions.assigneeId !== MACRO_CURRENT_USER) {
      const rows = await sqlRows(manager, `SELECT 1 FROM "ticket"."users" WHERE id = $1 AND active AND role <> 'customer'`, [
        actions.assigneeId,
      ]);
      if (!rows.length) errors.push({ field: 'actions.assigneeId', message: 'actions.assigneeId must be an active agent' });
    }
    if (actions.customFields) {
      const checked = validateInput(await this.customFields.definitions(manager), actions.customFields, { customer: false });
      errors.push(...checked.errors.map((e) => ({ ...e, field: `actions.${e.field}` })));
    }
    if (!Object.values(actions).some((value) => value !== undefined)) {
      errors.push({ field: 'actions', message: 'a macro needs at least one action' });
    }
    if (errors.length) throw unprocessable(errors.map((e) => e.message).join('; '), errors);
  }

  private async assertTeamExists(manager: EntityManager, teamId: string): Promise<void> {
    const rows = await sqlRows(manager, `SELECT 1 FROM "ticket"."teams" WHERE id = $1`, [teamId]);
    if (!rows.length)
      throw unprocessable(`Team ${teamId} does not exist`, [{ field: 'teamId', message: 'teamId must name an existing team' }]);
  }

  private async teamsOf(manager: EntityManager, actor: Actor): Promise<TeamsOf> {
    const rows = await sqlRows<{ team_id: string; supervisor: boolean }>(
      manager,
      `SELECT team_id, false AS supervisor FROM "ticket"."team_members" WHERE user_id = $1
       UNION ALL SELECT id, true FROM "ticket"."teams" WHERE supervisor_id = $1`,
      [actor.id],
    );
    return {
      memberOf: rows.filter((r) => !r.supervisor).map((r) => r.team_id),
      supervises: rows.filter((r) => r.supervisor).map((r) => r.team_id),
    };
  }
}
