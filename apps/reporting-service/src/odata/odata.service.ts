import {
  Caller,
  ErrorCode,
  ODATA_MAX_PAGE_SIZE,
  ODataPageView,
  ODataQueryRequest,
  Role,
  SUBJECTS,
  TeamPageView,
  UserPageView,
} from '@helpdesk/contracts';
import { BusClient, DomainError } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { percentile } from '../read-models/duration-histogram';
import { directoryReader, mayReadReports } from '../summary/report-access';
import { ODataQueryError } from './odata-filter';
import {
  AGENTS,
  DAILY_STATS,
  ENTITIES,
  EntityDef,
  HISTOGRAM_SUMMARIES,
  metadataXml,
  PropertyDef,
  TEAMS,
  TICKET_FACTS,
} from './odata-model';
import { compareRows, filterSql, matches, orderBySql, pageWindow, ParsedQuery, parseQuery } from './odata-query';

const S = '"reporting"';
const STAFF_ROLES = [Role.Agent, Role.Supervisor, Role.Admin];
/** Directory pages read for Teams and Agents (the directory's own maximum). */
const DIRECTORY_PAGE = 100;

/** Reports are for admins and supervisors, and API keys with `reports:read`. */
export function authorizeReports(caller: Caller): void {
  if (!mayReadReports(caller))
    throw new DomainError(ErrorCode.Forbidden, 'Reports are for admins, supervisors and API keys with reports:read');
}

export function queryError(error: ODataQueryError): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, `${error.option}: ${error.message}`, {
    errors: [{ field: error.option, message: error.message }],
  });
}

/** A value as the OData JSON format writes it. */
function jsonValue(prop: PropertyDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (prop.type) {
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Int32':
      return Number(value);
    case 'Edm.Int64':
      return Number(value);
    case 'Edm.DateTimeOffset':
      return value instanceof Date ? value.toISOString() : new Date(value as string).toISOString();
    case 'Edm.Guid':
    case 'Edm.String':
    case 'Edm.Boolean':
    case 'Edm.Date':
    case 'Collection(Edm.String)':
      return value;
  }
}

/** The OData feed's reads: reporting's tables through SQL, the directory's teams and staff in memory. */
@Injectable()
export class ODataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusClient,
  ) {}

  metadata(actor: Caller): string {
    authorizeReports(actor);
    return metadataXml();
  }

  async query({ actor, entitySet, options, maxPageSize }: ODataQueryRequest): Promise<ODataPageView> {
    authorizeReports(actor);
    const entity = ENTITIES[entitySet];
    const sql = entity === TICKET_FACTS || entity === DAILY_STATS;
    let query: ParsedQuery;
    try {
      query = parseQuery(entity, options, sql);
    } catch (error) {
      if (error instanceof ODataQueryError) throw queryError(error);
      throw error;
    }
    const pageSize = Math.min(maxPageSize ?? ODATA_MAX_PAGE_SIZE, ODATA_MAX_PAGE_SIZE);
    const { offset, limit } = pageWindow(query, pageSize);
    const page = sql ? await this.fromSql(entity, query, offset, limit) : await this.fromDirectory(actor, entity, query, offset, limit);
    const value = page.rows.slice(0, limit).map((row) => Object.fromEntries(query.select.map((p) => [p.name, jsonValue(p, row[p.name])])));
    const more = page.rows.length > limit;
    return { value, count: query.count ? page.count : null, nextSkipToken: more ? String(query.skipToken + limit) : null };
  }

  private async fromSql(entity: EntityDef, query: ParsedQuery, offset: number, limit: number) {
    const params: unknown[] = [];
    const conditions = [entity === DAILY_STATS ? `grain = 'd'` : 'true'];
    if (query.filter) conditions.push(filterSql(query.filter, params));
    const where = conditions.join(' AND ');
    const table = entity === DAILY_STATS ? `${S}."stats"` : `${S}."ticket_facts"`;
    const columns = entity.properties
      .filter((p) => p.column)
      .map((p) => (p.type === 'Edm.Date' ? `to_char(${p.column}, 'YYYY-MM-DD') AS "${p.name}"` : `${p.column} AS "${p.name}"`));
    if (entity === DAILY_STATS) columns.push(...HISTOGRAM_SUMMARIES.map((h) => `"${h.histogram}"`));
    const rows = limit
      ? await this.dataSource.query<Record<string, unknown>[]>(
          `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where} ORDER BY ${orderBySql(query)} LIMIT ${limit + 1} OFFSET ${offset}`,
          params,
        )
      : [];
    if (entity === DAILY_STATS) {
      for (const row of rows) {
        for (const h of HISTOGRAM_SUMMARIES) {
          const histogram = (row[h.histogram] as number[] | null) ?? [];
          row[h.median] = percentile(histogram, 0.5);
          row[h.p90] = percentile(histogram, 0.9);
        }
      }
    }
    let count: number | null = null;
    if (query.count) {
      const [{ n }] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
      count = Number(n);
    }
    return { rows, count };
  }

  private async fromDirectory(actor: Caller, entity: EntityDef, query: ParsedQuery, offset: number, limit: number) {
    const all = entity === TEAMS ? await this.teams(actor) : entity === AGENTS ? await this.agents(actor) : [];
    const filtered = query.filter ? all.filter((row) => matches(query.filter!, row)) : all;
    filtered.sort(compareRows(query));
    return { rows: filtered.slice(offset, offset + limit + 1), count: filtered.length };
  }

  private async teams(caller: Caller): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: TeamPageView = await this.bus.request<TeamPageView>(SUBJECTS.directory.teamList, {
        actor: directoryReader(caller),
        query: { limit: DIRECTORY_PAGE, ...(cursor ? { cursor } : {}) },
      });
      for (const t of page.data) {
        rows.push({
          TeamId: t.id,
          Name: t.name,
          Tier: t.tier,
          SupervisorId: t.supervisorId,
          MemberCount: t.memberIds.length,
          CreatedAt: t.createdAt,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  private async agents(caller: Caller): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const role of STAFF_ROLES) {
      let cursor: string | null = null;
      do {
        const page: UserPageView = await this.bus.request<UserPageView>(SUBJECTS.directory.userList, {
          actor: directoryReader(caller),
          query: { limit: DIRECTORY_PAGE, role, ...(cursor ? { cursor } : {}) },
        });
        for (const u of page.data) {
          rows.push({ AgentId: u.id, Name: u.name, Email: u.email, Role: u.role, Tier: u.tier, Active: u.active, CreatedAt: u.createdAt });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return rows;
  }
}
