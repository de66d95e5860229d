import { Actor, DEFAULT_PAGE_SIZE, isStaff, Page, TicketFiltersDto, TicketSort, TicketStatus, TicketView } from '@helpdesk/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { User } from '../directory/user.entity';
import { toUserRef } from '../directory/user.mapper';
import { decodeSeqCursor, encodeSeqCursor, invalidCursor } from '../tickets/ticket-cursor';
import { scopeCondition, TicketQueryScope, TicketQueryScopes } from '../tickets/ticket-query-scope';
import { toTicketView } from '../tickets/ticket.mapper';
import { Ticket } from '../tickets/ticket.entity';
import { decodeRankCursor, effectiveSort, encodeRankCursor, normalizeSearchText } from './search-query';

/** The list filters, plus the conditions only built-in views use. */
export interface TicketCriteria extends TicketFiltersDto {
  statuses?: readonly TicketStatus[];
  /** Only tickets nobody is assigned to */
  unassigned?: boolean;
  /** Only tickets of these teams (empty: none) */
  teamIds?: readonly string[];
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
  sort?: TicketSort;
}

/** The full-text query of the input, in both languages (see migration 1764080000000). */
const TSQUERY = 'ticket.search_query(:searchText)';

/**
 * Lists, searches and counts tickets under the caller's access scope: the one query behind
 * `GET /tickets`, its `q` search and the saved views.
 */
@Injectable()
export class TicketSearch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: TicketQueryScopes,
  ) {}

  async page(actor: Actor, criteria: TicketCriteria, request: PageRequest): Promise<Page<TicketView>> {
    const scope = await this.scopes.forActor(this.dataSource.manager, actor);
    return this.pageIn(scope, actor, criteria, request);
  }

  async pageIn(scope: TicketQueryScope, actor: Actor, criteria: TicketCriteria, request: PageRequest): Promise<Page<TicketView>> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const searchText = normalizeSearchText(criteria.q);
    const sort = effectiveSort(request.sort, searchText !== null);
    const qb = this.filtered(scope, actor, criteria)
      .innerJoinAndSelect('t.requester', 'r')
      .limit(limit + 1);
    if (sort === TicketSort.Relevance) {
      const rank = this.rankExpression(actor);
      qb.addSelect(`CAST(${rank} AS text)`, 'rank').orderBy(rank, 'DESC').addOrderBy('t.seq', 'DESC');
      if (request.cursor) {
        const after = decodeRankCursor(request.cursor);
        if (after === null) throw invalidCursor();
        qb.andWhere(`(${rank} < CAST(:afterRank AS real) OR (${rank} = CAST(:afterRank AS real) AND t.seq < :afterSeq))`, {
          afterRank: after.rank,
          afterSeq: after.seq,
        });
      }
      const { entities, raw } = await qb.getRawAndEntities<{ rank: string }>();
      const page = entities.slice(0, limit);
      const last = page.length ? { rank: raw[page.length - 1].rank, seq: page[page.length - 1].seq } : null;
      return {
        data: page.map((t) => toTicketView(t, toUserRef(t.requester as User))),
        nextCursor: entities.length > limit && last ? encodeRankCursor(last) : null,
      };
    }
    qb.orderBy('t.seq', 'DESC');
    if (request.cursor) {
      const after = decodeSeqCursor(request.cursor);
      if (after === null) throw invalidCursor();
      qb.andWhere('t.seq < :after', { after });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      data: page.map((t) => toTicketView(t, toUserRef(t.requester as User))),
      nextCursor: rows.length > limit ? encodeSeqCursor(page[page.length - 1].seq) : null,
    };
  }

  /** How many tickets match, counting at most `cap + 1` (so "more than cap" is known without counting them all). */
  async countIn(scope: TicketQueryScope, actor: Actor, criteria: TicketCriteria, cap: number): Promise<number> {
    const inner = this.filtered(scope, actor, criteria)
      .select('1')
      .limit(cap + 1);
    const [sql, params] = inner.getQueryAndParameters();
    const [row] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${sql}) matching`, params);
    return Number(row.n);
  }

  scopeOf(actor: Actor): Promise<TicketQueryScope> {
    return this.scopes.forActor(this.dataSource.manager, actor);
  }

  /** The tickets matching the criteria that the scope sees, unordered. */
  private filtered(scope: TicketQueryScope, actor: Actor, criteria: TicketCriteria): SelectQueryBuilder<Ticket> {
    const qb = this.dataSource.manager.createQueryBuilder(Ticket, 't');
    const access = scopeCondition(scope);
    if (access) qb.andWhere(access.where, access.params);
    if (criteria.status) qb.andWhere('t.status = :status', { status: criteria.status });
    if (criteria.statuses) qb.andWhere('t.status IN (:...statuses)', { statuses: criteria.statuses });
    if (criteria.priority) qb.andWhere('t.priority = :priority', { priority: criteria.priority });
    if (criteria.assigneeId) qb.andWhere('t.assigneeId = :assigneeId', { assigneeId: criteria.assigneeId });
    if (criteria.unassigned) qb.andWhere('t.assigneeId IS NULL');
    if (criteria.requesterId) qb.andWhere('t.requesterId = :requesterId', { requesterId: criteria.requesterId });
    if (criteria.organizationId) qb.andWhere('t.organizationId = :organizationId', { organizationId: criteria.organizationId });
    if (criteria.type) qb.andWhere('t.type = :type', { type: criteria.type });
    if (criteria.teamId) qb.andWhere('t.teamId = :teamId', { teamId: criteria.teamId });
    if (criteria.teamIds) qb.andWhere('t.teamId = ANY(:teamIds)', { teamIds: criteria.teamIds });
    if (criteria.tag) qb.andWhere(':tag = ANY(t.tags)', { tag: criteria.tag });
    if (criteria.problemId) qb.andWhere('t.problemId = :problemId', { problemId: criteria.problemId });
    const searchText = normalizeSearchText(criteria.q);
    if (searchText !== null) {
      // Customers match only what they may read: subject, description and public replies.
      qb.andWhere(
        isStaff(actor) ? `(t.search_vector @@ ${TSQUERY} OR t.internal_search_vector @@ ${TSQUERY})` : `t.search_vector @@ ${TSQUERY}`,
        { searchText },
      );
    }
    return qb;
  }

  /** ts_rank with the default weights (subject A, description B, comments C); internal notes count for staff only. */
  private rankExpression(actor: Actor): string {
    return isStaff(actor)
      ? `(ts_rank(t.search_vector, ${TSQUERY}) + coalesce(ts_rank(t.internal_search_vector, ${TSQUERY}), 0))`
      : `ts_rank(t.search_vector, ${TSQUERY})`;
  }
}
