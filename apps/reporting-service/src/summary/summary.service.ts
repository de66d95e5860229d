import { Caller, ErrorCode, SummaryGrouping, SummaryQuery, SummaryRequest, SummaryView } from '@helpdesk/contracts';
import { currentTime, DomainError } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REPORTING_CONFIG, ReportingConfig } from '../config/reporting.config';
import { COUNTERS, Dimension, HISTOGRAMS } from '../read-models/contributions';
import { addDays, addMonths, boundDay, dayOf, daysBetween, monthOf, weekOf } from '../read-models/report-days';
import { addRow, emptyTotals, GroupTotals, groupView, hasFigures, StatRow } from './summary-math';
import { mayReadReports } from './report-access';
import { backlogBeforeSql, parseHistogram, Period, solverRowsSql, statRowsSql } from './summary-sql';

/** Ten years: longer periods are refused. */
const MAX_DAYS = 3660;
const TIME_GROUPS: readonly SummaryGrouping[] = ['day', 'week', 'month'];

/** KPIs over the read models (docs/reporting.md defines each figure). */
@Injectable()
export class SummaryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async summary({ actor, query }: SummaryRequest): Promise<SummaryView> {
    this.authorize(actor);
    const period = this.period(query);
    const groupBy = query.groupBy ?? null;
    const timeGrouping = groupBy !== null && TIME_GROUPS.includes(groupBy);
    const dim: Dimension = groupBy === null || timeGrouping ? 'all' : (groupBy as Dimension);

    const totalRows = await this.rows('all', period, timeGrouping);
    const totalSolvers = await this.solvers('all', period, timeGrouping);
    const total = emptyTotals();
    for (const row of totalRows) addRow(total, row);
    for (const s of totalSolvers) total.solvers.add(s.agentId);
    const totalBacklog = (await this.backlogBefore('all', period.to)).get('') ?? 0;

    const groups = timeGrouping
      ? await this.timeGroups(groupBy as 'day' | 'week' | 'month', period, totalRows, totalSolvers)
      : groupBy
        ? await this.dimensionGroups(dim, period)
        : [];
    const totalView = groupView(null, total, totalBacklog, true);
    return {
      from: period.from,
      to: period.to,
      timeZone: this.config.timeZone,
      groupBy,
      ticketsCreated: totalView.ticketsCreated,
      total: totalView,
      groups,
    };
  }

  private authorize(caller: Caller): void {
    if (!mayReadReports(caller)) throw new DomainError(ErrorCode.Forbidden, 'Reports are for staff and API keys with reports:read');
  }

  private period(query: SummaryQuery): Period {
    const zone = this.config.timeZone;
    const invalid = (field: string, message: string) =>
      new DomainError(ErrorCode.ValidationFailed, message, { errors: [{ field, message }] });
    const to = query.to !== undefined ? boundDay(query.to, zone) : addDays(dayOf(currentTime(), zone), 1);
    if (to === null) throw invalid('to', `to must be a date (YYYY-MM-DD) or the start of a day in ${zone}: reports count whole days`);
    const from = query.from !== undefined ? boundDay(query.from, zone) : addDays(to, -30);
    if (from === null) throw invalid('from', `from must be a date (YYYY-MM-DD) or the start of a day in ${zone}: reports count whole days`);
    if (from >= to) throw invalid('from', 'from must be before to');
    if (daysBetween(from, to) > MAX_DAYS) throw invalid('to', `the period may span at most ${MAX_DAYS} days`);
    return { from, to };
  }

  private async rows(dim: Dimension, period: Period, byDay: boolean): Promise<StatRow[]> {
    const { sql, params } = statRowsSql(dim, period, byDay);
    const raw = await this.dataSource.query<Record<string, unknown>[]>(sql, params);
    return raw.map((r) => ({
      period: r.period as string,
      key: r.key as string,
      counters: Object.fromEntries(COUNTERS.map((c) => [c, Number(r[c])])),
      histograms: Object.fromEntries(HISTOGRAMS.map((h) => [h, parseHistogram(r[h] as string | null)])) as StatRow['histograms'],
    }));
  }

  private async solvers(dim: Dimension, period: Period, byDay: boolean): Promise<{ period: string; key: string; agentId: string }[]> {
    const { sql, params } = solverRowsSql(dim, period, byDay);
    return this.dataSource.query<{ period: string; key: string; agentId: string }[]>(sql, params);
  }

  /** Open tickets at the start of `day`, per key: created − done + reopened over all the days before. */
  private async backlogBefore(dim: Dimension, day: string): Promise<Map<string, number>> {
    const { sql, params } = backlogBeforeSql(dim, day);
    const rows = await this.dataSource.query<{ key: string; backlog: number }[]>(sql, params);
    return new Map(rows.map((r) => [r.key, Number(r.backlog)]));
  }

  private async dimensionGroups(dim: Dimension, period: Period) {
    const totals = new Map<string, GroupTotals>();
    const of = (key: string) => {
      let t = totals.get(key);
      if (!t) totals.set(key, (t = emptyTotals()));
      return t;
    };
    for (const row of await this.rows(dim, period, false)) addRow(of(row.key), row);
    for (const s of await this.solvers(dim, period, false)) of(s.key).solvers.add(s.agentId);
    const backlog = await this.backlogBefore(dim, period.to);
    for (const key of backlog.keys()) of(key);
    return [...totals.entries()]
      .filter(([key, t]) => hasFigures(t, backlog.get(key) ?? 0))
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([key, t]) => groupView(key === '' ? null : key, t, backlog.get(key) ?? 0, false));
  }

  /** Every day, week or month of the period, in order, each with the backlog at its end. */
  private async timeGroups(
    groupBy: 'day' | 'week' | 'month',
    period: Period,
    rows: StatRow[],
    solvers: { period: string; agentId: string }[],
  ) {
    const groupOf = (day: string) => (groupBy === 'day' ? day : groupBy === 'week' ? weekOf(day) : monthOf(day));
    const keys: string[] = [];
    for (let day = period.from; day < period.to;) {
      const key = groupOf(day);
      if (keys[keys.length - 1] !== key) keys.push(key);
      day = groupBy === 'day' ? addDays(day, 1) : groupBy === 'week' ? addDays(weekOf(day), 7) : addMonths(monthOf(day), 1);
    }
    const totals = new Map(keys.map((k) => [k, emptyTotals()]));
    const dayRows = rows.filter((r) => r.period >= period.from);
    for (const row of dayRows) addRow(totals.get(groupOf(row.period))!, row);
    for (const s of solvers) totals.get(groupOf(s.period))?.solvers.add(s.agentId);
    let backlog = (await this.backlogBefore('all', period.from)).get('') ?? 0;
    return keys.map((key) => {
      const t = totals.get(key)!;
      backlog += t.counters.backlog;
      return groupView(key, t, backlog, true);
    });
  }
}
