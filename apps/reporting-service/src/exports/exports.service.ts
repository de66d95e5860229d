import {
  ErrorCode,
  ExportDailyStatsPageRequest,
  ExportPageView,
  ExportTicketsPageRequest,
  INCREMENTAL_PAGE_ROWS,
  IncrementalTicketsRequest,
  IncrementalTicketsView,
  TicketFactView,
} from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REPORTING_CONFIG, ReportingConfig } from '../config/reporting.config';
import { percentile } from '../read-models/duration-histogram';
import { boundDay, daysBetween, startOfDay } from '../read-models/report-days';
import { authorizeReports } from '../odata/odata.service';
import { camel, DAILY_STATS, HISTOGRAM_SUMMARIES, TICKET_FACTS } from '../odata/odata-model';
import { decodeCursor, encodeCursor, takeWithinBytes } from './export-cursor';

const S = '"reporting"';
const MAX_DAYS = 3660;
/** A bus reply stays under NATS's default 1 MB message limit (with room for the envelope). */
const MAX_PAGE_BYTES = 900 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SEQ = /^\d{1,19}$/;

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The columns of a ticket fact, in the order of the CSV and of TicketFactView. */
const FACT_PROPERTIES = TICKET_FACTS.properties;
const FACT_COLUMNS = FACT_PROPERTIES.map((p) => camel(p.name));
const FACT_SELECT = FACT_PROPERTIES.map((p) => {
  const value = p.type === 'Edm.DateTimeOffset' ? utc(p.column!) : p.type === 'Edm.Int64' ? `${p.column}::text` : p.column!;
  return `${value} AS "${camel(p.name)}"`;
}).join(', ');

const STAT_COUNTERS = DAILY_STATS.properties.filter((p) => p.column && p.type === 'Edm.Int32');
const STAT_COLUMNS = [
  'day',
  'dim',
  'key',
  ...STAT_COUNTERS.map((p) => camel(p.name)),
  ...HISTOGRAM_SUMMARIES.flatMap((h) => [camel(h.median), camel(h.p90)]),
];

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, message, { errors: [{ field, message }] });
}

function factValues(row: Record<string, unknown>): unknown[] {
  return FACT_PROPERTIES.map((p) => {
    const v = row[camel(p.name)];
    return v !== null && (p.type === 'Edm.Decimal' || p.type === 'Edm.Int32') ? Number(v) : v;
  });
}

/** Exports of reporting's tables, page by page over the bus (the gateway streams them as CSV or JSON). */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  /** Ticket facts created in [from, to), by (created_at, ticket_id). */
  async ticketsPage(request: ExportTicketsPageRequest): Promise<ExportPageView> {
    authorizeReports(request.actor);
    const { from, to } = this.period(request.from, request.to);
    const after = request.cursor ? decodeCursor(request.cursor, { c: INSTANT, t: UUID }) : null;
    if (request.cursor && !after) throw invalid('cursor', 'cursor must be a cursor returned by a previous page');
    const params: unknown[] = [startOfDay(from, this.config.timeZone).toISOString(), startOfDay(to, this.config.timeZone).toISOString()];
    let keyset = '';
    if (after) {
      params.push(after.c, after.t);
      keyset = 'AND (created_at, ticket_id) > ($3::timestamptz, $4::uuid)';
    }
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${FACT_SELECT}, (created_at AT TIME ZONE 'UTC')::text || '+00' AS "cursorAt"
         FROM ${S}."ticket_facts"
        WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz ${keyset}
        ORDER BY created_at, ticket_id LIMIT ${this.config.exportPageRows + 1}`,
      params,
    );
    const more = rows.length > this.config.exportPageRows;
    const page = takeWithinBytes(rows.slice(0, this.config.exportPageRows), MAX_PAGE_BYTES);
    const last = page[page.length - 1];
    const nextCursor =
      more || page.length < rows.length
        ? encodeCursor({ c: this.microseconds(last.cursorAt as string), t: last.ticketId as string })
        : null;
    return { columns: FACT_COLUMNS, rows: page.map(factValues), nextCursor };
  }

  /** Daily statistics rows of one grouping for the days in [from, to), by (day, key). */
  async dailyStatsPage(request: ExportDailyStatsPageRequest): Promise<ExportPageView> {
    authorizeReports(request.actor);
    const { from, to } = this.period(request.from, request.to);
    const after = request.cursor ? decodeCursor(request.cursor, { d: DAY, k: /^.{0,64}$/s }) : null;
    if (request.cursor && !after) throw invalid('cursor', 'cursor must be a cursor returned by a previous page');
    const params: unknown[] = [request.dim, from, to];
    let keyset = '';
    if (after) {
      params.push(after.d, after.k);
      keyset = 'AND (period, key) > ($4::date, $5)';
    }
    const counters = STAT_COUNTERS.map((p) => `${p.column} AS "${camel(p.name)}"`).join(', ');
    const histograms = HISTOGRAM_SUMMARIES.map((h) => `"${h.histogram}"`).join(', ');
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT to_char(period, 'YYYY-MM-DD') AS day, dim, key, ${counters}, ${histograms}
         FROM ${S}."stats"
        WHERE dim = $1 AND grain = 'd' AND period >= $2::date AND period < $3::date ${keyset}
        ORDER BY period, key LIMIT ${this.config.exportPageRows + 1}`,
      params,
    );
    const more = rows.length > this.config.exportPageRows;
    const page = rows.slice(0, this.config.exportPageRows);
    const last = page[page.length - 1];
    return {
      columns: STAT_COLUMNS,
      rows: page.map((row) => [
        row.day,
        row.dim,
        row.key,
        ...STAT_COUNTERS.map((p) => Number(row[camel(p.name)])),
        ...HISTOGRAM_SUMMARIES.flatMap((h) => {
          const histogram = (row[h.histogram] as number[] | null) ?? [];
          return [percentile(histogram, 0.5), percentile(histogram, 0.9)];
        }),
      ]),
      nextCursor: more ? encodeCursor({ d: last.day as string, k: last.key as string }) : null,
    };
  }

  /** Facts changed since an instant (first page) or since a cursor, in change order. */
  async incremental(request: IncrementalTicketsRequest): Promise<IncrementalTicketsView> {
    authorizeReports(request.actor);
    const limit = Math.min(request.limit ?? INCREMENTAL_PAGE_ROWS, INCREMENTAL_PAGE_ROWS);
    let condition: string;
    let param: string;
    if (request.cursor) {
      const after = decodeCursor(request.cursor, { s: SEQ });
      if (!after) throw invalid('cursor', 'cursor must be a cursor returned by a previous page');
      condition = 'change_seq > $1::bigint';
      param = after.s;
    } else if (request.updatedSince) {
      const since = new Date(request.updatedSince);
      if (Number.isNaN(since.getTime())) throw invalid('updatedSince', 'updatedSince must be an ISO 8601 date-time');
      condition = 'changed_at >= $1::timestamptz';
      param = since.toISOString();
    } else {
      throw invalid('updatedSince', 'updatedSince (an ISO 8601 date-time) is needed on the first page; later pages pass cursor');
    }
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${FACT_SELECT} FROM ${S}."ticket_facts" WHERE ${condition} ORDER BY change_seq LIMIT ${limit}`,
      [param],
    );
    const data = rows.map((row) => Object.fromEntries(FACT_COLUMNS.map((c, i) => [c, factValues(row)[i]])) as unknown as TicketFactView);
    let seq = data.length ? data[data.length - 1].changeSeq : null;
    if (seq === null) {
      // Nothing new: the cursor stays where it was (or starts just before the next change to come).
      seq = request.cursor
        ? decodeCursor(request.cursor, { s: SEQ })!.s
        : ((
            await this.dataSource.query<{ s: string }[]>(
              `SELECT coalesce(max(change_seq), 0)::text AS s FROM ${S}."ticket_facts" WHERE NOT (${condition})`,
              [param],
            )
          )[0]?.s ?? '0');
    }
    return { data, nextCursor: encodeCursor({ s: seq }), endOfStream: data.length < limit };
  }

  private period(fromText: string, toText: string): { from: string; to: string } {
    const zone = this.config.timeZone;
    const from = boundDay(fromText, zone);
    if (from === null) throw invalid('from', `from must be a date (YYYY-MM-DD) or the start of a day in ${zone}`);
    const to = boundDay(toText, zone);
    if (to === null) throw invalid('to', `to must be a date (YYYY-MM-DD) or the start of a day in ${zone}`);
    if (from >= to) throw invalid('from', `from (${from}) must be before to (${to})`);
    if (daysBetween(from, to) > MAX_DAYS) throw invalid('to', `the period may span at most ${MAX_DAYS} days`);
    return { from, to };
  }

  /** `2026-12-01 09:15:00.123456+00` whatever precision PostgreSQL printed. */
  private microseconds(text: string): string {
    const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(\.\d+)?\+00$/.exec(text);
    if (!m) throw new DomainError(ErrorCode.Internal, `unexpected timestamp ${text}`);
    return `${m[1]}.${((m[2] ?? '.').slice(1) + '000000').slice(0, 6)}+00`;
  }
}
