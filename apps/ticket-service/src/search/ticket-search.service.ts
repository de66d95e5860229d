import {
  Actor,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  isStaff,
  Page,
  STAFF_ONLY_TICKET_FILTERS,
  TicketFiltersDto,
  TicketSlaFilter,
  TicketSort,
  TicketStatus,
  TicketView,
} from '@helpdesk/contracts';
import { currentTime, DomainError } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { visibleValues } from '../custom-fields/custom-field-values';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { User } from '../directory/user.entity';
import { toUserRef } from '../directory/user.mapper';
import { decodeSeqCursor, encodeSeqCursor, invalidCursor } from '../tickets/ticket-cursor';
import { scopeCondition, TicketQueryScope, TicketQueryScopes } from '../tickets/ticket-query-scope';
import { toTicketView } from '../tickets/ticket.mapper';
import { Ticket } from '../tickets/ticket.entity';
import {
  decodeDueCursor,
  decodeRankCursor,
  effectiveSort,
  encodeDueCursor,
  encodeRankCursor,
  nextSearchStep,
  normalizeSearchText,
} from './search-query';

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
 * A search's text and, asked just before the query (migration 1766300000000), the tickets that
 * match it only with their comments not yet folded into their vectors: their ids go into the
 * query as a constant list (an index lookup or a hash probe per row), so a comment is found as soon
 * as it commits. With nothing pending the query is the plain text match.
 */
interface TextMatch {
  text: string;
  pendingIds: string[];
  /** Whether any ticket has pending comments (ranking then adds their vectors) */
  anyPending: boolean;
}

/** The pending vectors of each ticket (none for most), joined for ranking. */
const PENDING_VECTORS = '(SELECT ticket_id, search_vector, internal_search_vector FROM "ticket"."ticket_search_pending")';

/**
 * Lists, searches and counts tickets under the caller's access scope: the one query behind
 * `GET /tickets`, its `q` search and the saved views.
 */
@Injectable()
export class TicketSearch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: TicketQueryScopes,
    private readonly customFields: CustomFieldsService,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: Pick<TicketServiceConfig, 'searchRecentWindow'>,
  ) {}

  async page(actor: Actor, criteria: TicketCriteria, request: PageRequest): Promise<Page<TicketView>> {
    const scope = await this.scopes.forActor(this.dataSource.manager, actor);
    return this.pageIn(scope, actor, criteria, request);
  }

  async pageIn(scope: TicketQueryScope, actor: Actor, criteria: TicketCriteria, request: PageRequest): Promise<Page<TicketView>> {
    assertMayQuery(scope, criteria, request.sort);
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const match = await this.textMatch(actor, criteria);
    const sort = effectiveSort(request.sort, match !== null);
    const qb = this.filtered(scope, actor, criteria, match)
      .innerJoinAndSelect('t.requester', 'r')
      .limit(limit + 1);
    if (sort === TicketSort.SlaDue) return this.byDueTime(qb, actor, limit, request.cursor);
    if (sort === TicketSort.Relevance && match) {
      const rank = this.rankExpression(actor, match);
      if (match.anyPending) qb.leftJoin(PENDING_VECTORS, 'sp', 'sp.ticket_id = t.id');
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
        data: await this.views(actor, page),
        nextCursor: entities.length > limit && last ? encodeRankCursor(last) : null,
      };
    }
    let after: string | null = null;
    if (request.cursor) {
      after = decodeSeqCursor(request.cursor);
      if (after === null) throw invalidCursor();
    }
    const rows =
      match === null ? await this.newest(qb, limit, after) : await this.newestMatches(scope, actor, criteria, match, limit, after);
    const page = rows.slice(0, limit);
    return {
      data: await this.views(actor, page),
      nextCursor: rows.length > limit ? encodeSeqCursor(page[page.length - 1].seq) : null,
    };
  }

  /**
   * Earliest SLA due time first, tickets without one last, ties oldest first. The keyset is the due
   * time and the seq; due times come from sla-service with millisecond precision, so the cursor's
   * ISO form compares exactly.
   */
  private async byDueTime(qb: SelectQueryBuilder<Ticket>, actor: Actor, limit: number, cursor?: string): Promise<Page<TicketView>> {
    qb.orderBy('t.slaNextDueAt', 'ASC', 'NULLS LAST').addOrderBy('t.seq', 'ASC');
    if (cursor) {
      const after = decodeDueCursor(cursor);
      if (after === null) throw invalidCursor();
      if (after.dueAt === null) qb.andWhere('(t.slaNextDueAt IS NULL AND t.seq > :afterSeq)', { afterSeq: after.seq });
      else
        qb.andWhere('(t.slaNextDueAt > :afterDue OR (t.slaNextDueAt = :afterDue AND t.seq > :afterSeq) OR t.slaNextDueAt IS NULL)', {
          afterDue: new Date(after.dueAt),
          afterSeq: after.seq,
        });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: await this.views(actor, page),
      nextCursor: rows.length > limit ? encodeDueCursor({ dueAt: last.slaNextDueAt?.toISOString() ?? null, seq: last.seq }) : null,
    };
  }

  /** The tickets as the actor may see them (custom fields filtered and SLA state left out for customers). */
  private async views(actor: Actor, tickets: Ticket[]): Promise<TicketView[]> {
    const definitions = await this.customFields.definitions(this.dataSource.manager);
    const by = { customer: !isStaff(actor) };
    return tickets.map((t) =>
      toTicketView(t, toUserRef(t.requester as User), visibleValues(definitions, t.customFields, by), { staff: isStaff(actor) }),
    );
  }

  private newest(qb: SelectQueryBuilder<Ticket>, limit: number, after: string | null): Promise<Ticket[]> {
    qb.orderBy('t.seq', 'DESC');
    if (after !== null) qb.andWhere('t.seq < :after', { after });
    return qb.getMany();
  }

  /**
   * Matches newest first without reading much whatever the word: a short walk of the newest
   * tickets in seq order, going on while the matches found make a full page likely within
   * `searchRecentWindow` tickets (common words), and otherwise the text index for all older tickets,
   * sorted (rare words, reference numbers). See nextSearchStep. A single query leaves the choice to
   * the planner, which misjudges rare words: it walked all 1,000,000 tickets for one found in 10 (1.2 s).
   */
  private async newestMatches(
    scope: TicketQueryScope,
    actor: Actor,
    criteria: TicketCriteria,
    match: TextMatch,
    limit: number,
    after: string | null,
  ): Promise<Ticket[]> {
    const needed = limit + 1;
    const found: Ticket[] = [];
    let top = BigInt(after ?? (await this.nextSeq()));
    let walked = 0;
    for (;;) {
      const step = nextSearchStep({ walked, found: found.length, needed }, this.config.searchRecentWindow);
      if (step.kind === 'walk' && step.rows === 0) return found;
      // In the index step, staff (whose scope is whole teams, a large share of the tickets) find rows
      // through the text index and check the scope on them; a customer (whose scope is a few thousand
      // tickets at most) the other way round. Left to itself the planner intersects both bitmaps:
      // every ticket of the agent's teams for a word found 10 times (40 ms), or the 100,000 matches of
      // a common word for a customer's few thousand tickets (50 ms).
      const drive = step.kind === 'walk' ? 'any' : scope.kind === 'staff' ? 'search' : 'scope';
      if (step.kind === 'index') {
        // `seq + 0` is not the indexed column, so the planner cannot walk the seq index: it uses the
        // text index. Ids first, requesters after: joined in one query, the planner (expecting
        // thousands of matches) would hash-join all 50,000 requesters for a word found 10 times.
        const ids = await this.filtered(scope, actor, criteria, match, drive)
          .select('t.id', 'id')
          .addSelect('t.seq + 0', 'seq_order')
          .andWhere('t.seq < :top', { top: top.toString() })
          .orderBy('seq_order', 'DESC')
          .limit(needed - found.length)
          .getRawMany<{ id: string }>();
        if (ids.length) {
          found.push(
            ...(await this.dataSource.manager
              .createQueryBuilder(Ticket, 't')
              .innerJoinAndSelect('t.requester', 'r')
              .where('t.id IN (:...ids)', { ids: ids.map((row) => row.id) })
              .orderBy('t.seq', 'DESC')
              .getMany()),
          );
        }
        return found;
      }
      const qb = this.filtered(scope, actor, criteria, match, drive)
        .innerJoinAndSelect('t.requester', 'r')
        .limit(needed - found.length);
      const bound = top - BigInt(step.rows);
      found.push(
        ...(await qb
          .andWhere('t.seq < :top AND t.seq >= :bound', { top: top.toString(), bound: bound.toString() })
          .orderBy('t.seq', 'DESC')
          .getMany()),
      );
      walked += step.rows;
      top = bound;
    }
  }

  /** One past the newest ticket's seq (the sequence may be ahead after rollbacks: harmless, it is a bound). */
  private async nextSeq(): Promise<string> {
    const [row] = await this.dataSource.query<{ next: string }[]>(
      `SELECT (last_value + 1)::text AS next FROM "ticket"."ticket_number_seq"`,
    );
    return row.next;
  }

  /** How many tickets match, counting at most `cap + 1` (so "more than cap" is known without counting them all). */
  async countIn(scope: TicketQueryScope, actor: Actor, criteria: TicketCriteria, cap: number): Promise<number> {
    const inner = this.filtered(scope, actor, criteria, await this.textMatch(actor, criteria))
      .select('1')
      .limit(cap + 1);
    const [sql, params] = inner.getQueryAndParameters();
    const [row] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${sql}) matching`, params);
    return Number(row.n);
  }

  scopeOf(actor: Actor): Promise<TicketQueryScope> {
    return this.scopes.forActor(this.dataSource.manager, actor);
  }

  /**
   * The tickets matching the criteria that the scope sees, unordered. `drive` says which condition
   * the planner should find rows with in the search's index step (see newestMatches): the other one
   * is wrapped so that no index serves it, and it is checked on the rows found.
   */
  private filtered(
    scope: TicketQueryScope,
    actor: Actor,
    criteria: TicketCriteria,
    match: TextMatch | null,
    drive: 'any' | 'search' | 'scope' = 'any',
  ): SelectQueryBuilder<Ticket> {
    const qb = this.dataSource.manager.createQueryBuilder(Ticket, 't');
    const access = scopeCondition(scope);
    if (access) qb.andWhere(drive === 'search' ? unindexed(access.where) : access.where, access.params);
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
    // Both served by partial indexes (migration 1764110000000); "now" is the suite's clock.
    if (criteria.sla === TicketSlaFilter.Breached) qb.andWhere('t.slaBreached = true');
    if (criteria.slaDueWithin !== undefined) {
      qb.andWhere('t.slaNextDueAt IS NOT NULL AND NOT t.slaBreached AND t.slaNextDueAt <= :slaDueBy', {
        slaDueBy: new Date(currentTime().getTime() + criteria.slaDueWithin * 60_000),
      });
    }
    if (match) {
      // Customers match only what they may read: subject, description and public replies.
      const parts = isStaff(actor)
        ? [`t.search_vector @@ ${TSQUERY}`, `t.internal_search_vector @@ ${TSQUERY}`]
        : [`t.search_vector @@ ${TSQUERY}`];
      if (match.pendingIds.length) parts.push('t.id = ANY(CAST(:pendingIds AS uuid[]))');
      const matches = parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0];
      qb.andWhere(drive === 'scope' ? unindexed(matches) : matches, { searchText: match.text, pendingIds: match.pendingIds });
    }
    return qb;
  }

  /** The search text of the criteria, if any, with the tickets it matches through pending comments (see TextMatch). */
  private async textMatch(actor: Actor, criteria: TicketCriteria): Promise<TextMatch | null> {
    const text = normalizeSearchText(criteria.q);
    if (text === null) return null;
    const [row] = await this.dataSource.query<{ ids: string[]; any_pending: boolean }[]>(
      `SELECT ARRAY(SELECT id FROM ticket.pending_search_matches($1, $2) id) AS ids,
              EXISTS (SELECT 1 FROM "ticket"."ticket_search_pending") AS any_pending`,
      [text, isStaff(actor)],
    );
    return { text, pendingIds: row.ids, anyPending: row.any_pending };
  }

  /**
   * ts_rank with the default weights (subject A, description B, comments C) over the vectors with
   * their pending part (`sp`, joined by the caller when any ticket has one); internal notes count for staff only.
   */
  private rankExpression(actor: Actor, match: TextMatch): string {
    const vector = (column: string) => (match.anyPending ? `ticket.search_with_pending(t.${column}, sp.${column})` : `t.${column}`);
    const publicRank = `ts_rank(${vector('search_vector')}, ${TSQUERY})`;
    return isStaff(actor) ? `(${publicRank} + coalesce(ts_rank(${vector('internal_search_vector')}, ${TSQUERY}), 0))` : publicRank;
  }
}

/** SLA state is internal: a customer filtering or sorting on it is refused, in lists and (staff-only) views alike. */
function assertMayQuery(scope: TicketQueryScope, criteria: TicketCriteria, sort: TicketSort | undefined): void {
  if (scope.kind !== 'customer') return;
  const named: string[] = STAFF_ONLY_TICKET_FILTERS.filter((name) => criteria[name] !== undefined);
  if (sort === TicketSort.SlaDue) named.push('sort');
  if (named.length) throw new DomainError(ErrorCode.Forbidden, `Customers cannot use ${named.join(', ')}`, { fields: named });
}

/** A condition no index can serve (PostgreSQL simplifies `IS TRUE` away, not a CASE): checked on rows found otherwise. */
function unindexed(condition: string): string {
  return `(CASE WHEN ${condition} THEN true ELSE false END)`;
}
