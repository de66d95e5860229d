import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateViewDto,
  ErrorCode,
  isStaff,
  isUuid,
  Page,
  PageQuery,
  Role,
  TicketFiltersDto,
  TicketSort,
  TicketView,
  UpdateViewDto,
  VIEW_COUNT_CAP,
  ViewKind,
  ViewView,
} from '@helpdesk/contracts';
import { DomainError, sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { validateViewFilters } from '../search/search-query';
import { TicketCriteria, TicketSearch } from '../search/ticket-search.service';
import { TicketQueryScope, TicketQueryScopes } from '../tickets/ticket-query-scope';
import { BUILT_IN_SORT, BUILT_IN_VIEWS, builtInView } from './built-in-views';
import { SavedView } from './view.entity';

/** A view as a caller uses it: what it shows, and how it is ordered. */
interface ResolvedView {
  view: Omit<ViewView, 'count' | 'countCapped'>;
  criteria: TicketCriteria;
}

/**
 * Saved views: the built-ins, personal views (their owner only) and team views (the team's
 * members read them; its supervisor or an admin changes them). Each view is a ticket query run
 * under the caller's access scope, like `GET /tickets`.
 */
@Injectable()
export class ViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: TicketSearch,
    private readonly scopes: TicketQueryScopes,
  ) {}

  /** The built-ins, then the caller's personal views, then their teams' views, each with its count. */
  async list(actor: Actor): Promise<ViewView[]> {
    assertStaff(actor);
    const manager = this.dataSource.manager;
    const teamIds = await this.scopes.teamsOf(manager, actor.id);
    const saved = await manager
      .createQueryBuilder(SavedView, 'v')
      .where('(v.ownerId = :me OR v.teamId = ANY(:teams))', { me: actor.id, teams: teamIds })
      .orderBy('v.teamId IS NULL', 'DESC')
      .addOrderBy('lower(v.name)', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
    const views = [...BUILT_IN_VIEWS.map((b) => builtIn(b.id, actor, teamIds)), ...saved.map(fromSaved)];
    const scope = await this.search.scopeOf(actor);
    return Promise.all(views.map((resolved) => this.withCount(scope, actor, resolved)));
  }

  async get(actor: Actor, viewId: string): Promise<ViewView> {
    assertStaff(actor);
    const resolved = await this.resolve(this.dataSource.manager, actor, viewId);
    return this.withCount(await this.search.scopeOf(actor), actor, resolved);
  }

  /** A page of the view's tickets, in the view's order. */
  async tickets(actor: Actor, viewId: string, page: PageQuery): Promise<Page<TicketView>> {
    assertStaff(actor);
    const { view, criteria } = await this.resolve(this.dataSource.manager, actor, viewId);
    return this.search.page(actor, criteria, { limit: page.limit, cursor: page.cursor, sort: view.sort });
  }

  async create(actor: Actor, dto: CreateViewDto): Promise<ViewView> {
    assertStaff(actor);
    const manager = this.dataSource.manager;
    const filters = checkedFilters(dto.filters);
    if (dto.teamId) await this.assertMayManageTeamViews(manager, actor, dto.teamId, true);
    const now = new Date();
    const saved = Object.assign(new SavedView(), {
      id: randomUUID(),
      name: dto.name.trim(),
      ownerId: dto.teamId ? null : actor.id,
      teamId: dto.teamId ?? null,
      filters,
      sort: dto.sort ?? TicketSort.Newest,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(SavedView, saved);
    return this.withCount(await this.search.scopeOf(actor), actor, fromSaved(saved));
  }

  async update(actor: Actor, viewId: string, changes: UpdateViewDto): Promise<ViewView> {
    assertStaff(actor);
    const manager = this.dataSource.manager;
    const saved = await this.savedToManage(manager, actor, viewId);
    if (changes.filters !== undefined) saved.filters = checkedFilters(changes.filters);
    if (changes.name !== undefined) saved.name = changes.name.trim();
    if (changes.sort !== undefined) saved.sort = changes.sort;
    saved.updatedAt = new Date();
    await manager.update(
      SavedView,
      { id: saved.id },
      { name: saved.name, filters: saved.filters, sort: saved.sort, updatedAt: saved.updatedAt },
    );
    return this.withCount(await this.search.scopeOf(actor), actor, fromSaved(saved));
  }

  async delete(actor: Actor, viewId: string): Promise<void> {
    assertStaff(actor);
    const manager = this.dataSource.manager;
    const saved = await this.savedToManage(manager, actor, viewId);
    await manager.delete(SavedView, { id: saved.id });
  }

  private async withCount(scope: TicketQueryScope, actor: Actor, { view, criteria }: ResolvedView): Promise<ViewView> {
    const count = await this.search.countIn(scope, actor, criteria, VIEW_COUNT_CAP);
    return { ...view, count: Math.min(count, VIEW_COUNT_CAP), countCapped: count > VIEW_COUNT_CAP };
  }

  /** A view the caller may read: a built-in, their own personal view, or a view of one of their teams (any, for admins). */
  private async resolve(manager: EntityManager, actor: Actor, viewId: string): Promise<ResolvedView> {
    if (builtInView(viewId)) return builtIn(viewId, actor, await this.scopes.teamsOf(manager, actor.id));
    return fromSaved(await this.readable(manager, actor, viewId));
  }

  private async readable(manager: EntityManager, actor: Actor, viewId: string): Promise<SavedView> {
    const saved = isUuid(viewId) ? await manager.findOne(SavedView, { where: { id: viewId } }) : null;
    if (!saved) throw DomainError.notFound('View', viewId);
    if (saved.ownerId !== null) {
      if (saved.ownerId !== actor.id) throw DomainError.notFound('View', viewId);
    } else if (actor.role !== Role.Admin && !(await this.scopes.teamsOf(manager, actor.id)).includes(saved.teamId as string)) {
      throw DomainError.notFound('View', viewId);
    }
    return saved;
  }

  /** A saved view the caller may change: their personal view, or a team view of a team they supervise (any, for admins). */
  private async savedToManage(manager: EntityManager, actor: Actor, viewId: string): Promise<SavedView> {
    if (builtInView(viewId)) throw new DomainError(ErrorCode.Forbidden, 'Built-in views cannot be changed');
    const saved = await this.readable(manager, actor, viewId);
    if (saved.teamId !== null) await this.assertMayManageTeamViews(manager, actor, saved.teamId, false);
    return saved;
  }

  private async assertMayManageTeamViews(manager: EntityManager, actor: Actor, teamId: string, creating: boolean): Promise<void> {
    const [team] = await sqlRows<{ supervisor_id: string | null }>(manager, `SELECT supervisor_id FROM "ticket"."teams" WHERE id = $1`, [
      teamId,
    ]);
    if (!team && creating) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `Team ${teamId} does not exist`, {
        errors: [{ field: 'teamId', message: 'teamId must name an existing team' }],
      });
    }
    if (actor.role === Role.Admin || team?.supervisor_id === actor.id) return;
    throw new DomainError(ErrorCode.Forbidden, 'Only the team’s supervisor or an admin manages its views');
  }
}

function assertStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError(ErrorCode.Forbidden, 'Views are for staff');
}

function checkedFilters(filters: Record<string, unknown>): TicketFiltersDto {
  const result = validateViewFilters(filters);
  if (!result.ok) throw new DomainError(ErrorCode.UnprocessableEntity, 'The view’s filters are not valid', { errors: result.errors });
  return result.filters;
}

function builtIn(id: string, actor: Actor, teamIds: readonly string[]): ResolvedView {
  const definition = builtInView(id);
  if (!definition) throw DomainError.notFound('View', id);
  return {
    view: {
      id: definition.id,
      name: definition.name,
      kind: ViewKind.BuiltIn,
      ownerId: null,
      teamId: null,
      filters: {},
      sort: BUILT_IN_SORT,
      createdAt: null,
      updatedAt: null,
    },
    criteria: definition.criteria(actor, teamIds),
  };
}

function fromSaved(saved: SavedView): ResolvedView {
  return {
    view: {
      id: saved.id,
      name: saved.name,
      kind: saved.teamId ? ViewKind.Team : ViewKind.Personal,
      ownerId: saved.ownerId,
      teamId: saved.teamId,
      filters: { ...saved.filters },
      sort: saved.sort,
      createdAt: saved.createdAt.toISOString(),
      updatedAt: saved.updatedAt.toISOString(),
    },
    criteria: saved.filters,
  };
}
