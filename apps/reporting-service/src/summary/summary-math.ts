import { SLA_CLOCKS, SummaryGroupView } from '@helpdesk/contracts';
import { Counter, COUNTERS, HISTOGRAMS, HistogramName } from '../read-models/contributions';
import { addInto, countOf, Histogram, percentile } from '../read-models/duration-histogram';

/**
 * The KPIs of a group from its summed statistics. Pure: the definitions live here (and in
 * docs/reporting.md), the SQL only adds rows up.
 */

export interface StatRow {
  period: string;
  key: string;
  counters: Record<Counter, number>;
  histograms: Record<HistogramName, (number | null)[]>;
}

export interface GroupTotals {
  counters: Record<Counter, number>;
  histograms: Record<HistogramName, Histogram>;
  solvers: Set<string>;
}

export function emptyTotals(): GroupTotals {
  return {
    counters: Object.fromEntries(COUNTERS.map((c) => [c, 0])),
    histograms: Object.fromEntries(HISTOGRAMS.map((h) => [h, []])) as unknown as Record<HistogramName, Histogram>,
    solvers: new Set(),
  };
}

export function addRow(into: GroupTotals, row: Pick<StatRow, 'counters' | 'histograms'>): GroupTotals {
  for (const c of COUNTERS) into.counters[c] += row.counters[c] ?? 0;
  for (const h of HISTOGRAMS) addInto(into.histograms[h], row.histograms[h]);
  return into;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (part: number, whole: number, scale = 1) => (whole > 0 ? round2((part / whole) * scale) : null);

function duration(h: Histogram) {
  return { count: countOf(h), median: percentile(h, 0.5), p90: percentile(h, 0.9) };
}

/** The figures of one group; `backlog` is counted apart (it looks at all history, not the period). */
export function groupView(key: string | null, t: GroupTotals, backlog: number, withDeflection: boolean): SummaryGroupView {
  const c = t.counters;
  return {
    key,
    ticketsCreated: c.created,
    ticketsSolved: c.solved,
    reopened: c.reopens,
    backlog,
    firstResponseTime: { calendar: duration(t.histograms.frt_calendar), business: duration(t.histograms.frt_business) },
    resolutionTime: { calendar: duration(t.histograms.resolution_calendar), business: duration(t.histograms.resolution_business) },
    sla: SLA_CLOCKS.map((target) => {
      const met = c[`sla_met_${target}`];
      const breached = c[`sla_breached_${target}`];
      return { target, met, breached, compliancePercent: ratio(met, met + breached, 100) };
    }),
    escalations: c.escalations,
    slaEscalations: c.sla_escalations,
    csat: { good: c.csat_good, bad: c.csat_bad, percent: ratio(c.csat_good, c.csat_good + c.csat_bad, 100) },
    deflection: withDeflection
      ? { sessions: c.kb_sessions, deflected: c.kb_deflected, percent: ratio(c.kb_deflected, c.kb_sessions, 100) }
      : null,
    productivity: {
      agents: t.solvers.size,
      solvedPerAgent: ratio(c.solved, t.solvers.size),
      agentReplies: c.agent_replies,
      repliesPerTicket: ratio(c.agent_replies, c.solved),
    },
  };
}

/** Whether a group has anything to show. */
export function hasFigures(t: GroupTotals, backlog: number): boolean {
  return backlog !== 0 || COUNTERS.some((c) => t.counters[c] !== 0) || HISTOGRAMS.some((h) => countOf(t.histograms[h]) > 0);
}
