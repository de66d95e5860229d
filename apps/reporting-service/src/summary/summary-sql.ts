import { COUNTERS, Dimension, HISTOGRAMS } from '../read-models/contributions';
import { monthOf, splitPeriod } from '../read-models/report-days';

/** The SQL of the summary, as pure builders (the bench runs the very same statements in pgbench). */

export interface Period {
  from: string;
  to: string;
}

export interface Statement {
  sql: string;
  params: string[];
}

const S = '"reporting"';
const COUNTER_COLUMNS = COUNTERS.map((c) => `"${c}"`).join(', ');
// As text ('{1,0,3}'): node-postgres' array parser is the slowest part of reading a year by agent; JSON.parse is not.
const HISTOGRAM_COLUMNS = HISTOGRAMS.map((h) => `"${h}"::text AS "${h}"`).join(', ');

/** The rows of one dimension that cover a period: whole months from the monthly rows, the rest from daily rows ($1 is the dimension). */
function periodFilter(period: Period, byDay: boolean): { sql: string; params: string[] } {
  const split = byDay ? { days: [[period.from, period.to]] as [string, string][], months: null } : splitPeriod(period.from, period.to);
  const parts: string[] = [];
  const params: string[] = [];
  const param = (value: string) => {
    params.push(value);
    return `$${params.length + 1}::date`;
  };
  for (const [a, b] of split.days) parts.push(`(grain = 'd' AND period >= ${param(a)} AND period < ${param(b)})`);
  if (split.months) parts.push(`(grain = 'm' AND period >= ${param(split.months[0])} AND period < ${param(split.months[1])})`);
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}

/** A histogram column read as text, as an array. */
export function parseHistogram(text: string | null): number[] {
  if (!text || text === '{}') return [];
  return JSON.parse(`[${text.slice(1, -1)}]`) as number[];
}

/** Counters and histograms (as text: see parseHistogram) of a dimension over a period. */
export function statRowsSql(dim: Dimension, period: Period, byDay: boolean): Statement {
  const filter = periodFilter(period, byDay);
  return {
    sql: `SELECT to_char(period, 'YYYY-MM-DD') AS period, key, ${COUNTER_COLUMNS}, ${HISTOGRAM_COLUMNS}
            FROM ${S}."stats" WHERE dim = $1 AND ${filter.sql}`,
    params: [dim, ...filter.params],
  };
}

/** Who solved tickets of each group over a period. */
export function solverRowsSql(dim: Dimension, period: Period, byDay: boolean): Statement {
  const filter = periodFilter(period, byDay);
  return {
    sql: `SELECT to_char(period, 'YYYY-MM-DD') AS period, key, agent_id AS "agentId" FROM ${S}."solvers" WHERE dim = $1 AND solved > 0 AND ${filter.sql}`,
    params: [dim, ...filter.params],
  };
}

/** Open tickets at the start of `day`, per key: created − done + reopened over every day before (months, then the month's days). */
export function backlogBeforeSql(dim: Dimension, day: string): Statement {
  return {
    sql: `SELECT key, sum(backlog)::int AS backlog FROM ${S}."stats"
           WHERE dim = $1 AND ((grain = 'm' AND period < $2::date) OR (grain = 'd' AND period >= $2::date AND period < $3::date))
           GROUP BY key`,
    params: [dim, monthOf(day), day],
  };
}

/** Every statement a summary runs. */
export function summaryStatements(dim: Dimension, period: Period, timeGrouping: boolean): Statement[] {
  const out = [statRowsSql('all', period, timeGrouping), solverRowsSql('all', period, timeGrouping), backlogBeforeSql('all', period.to)];
  if (timeGrouping) out.push(backlogBeforeSql('all', period.from));
  else if (dim !== 'all') out.push(statRowsSql(dim, period, false), solverRowsSql(dim, period, false), backlogBeforeSql(dim, period.to));
  return out;
}
