import { SLA_CLOCKS } from '@helpdesk/contracts';
import { addSparse, single, SparseHistogram } from './duration-histogram';
import { dayOf, monthOf } from './report-days';
import { isDone, minutesBetween, reopenTimes, solvedAt, TicketFactState } from './ticket-fact';

/**
 * What a fact adds to the daily and monthly statistics. The statistics are sums of these
 * contributions, so a changed fact moves them by `contributions(after) − contributions(before)`,
 * and a rebuild (the sum over every final fact) equals the incrementally kept statistics.
 */

export const COUNTERS = [
  'created',
  'solved',
  'reopens',
  'backlog',
  'agent_replies',
  'escalations',
  'sla_escalations',
  'csat_good',
  'csat_bad',
  'kb_sessions',
  'kb_deflected',
  ...SLA_CLOCKS.flatMap((clock) => [`sla_met_${clock}`, `sla_breached_${clock}`]),
] as const;
export type Counter = (typeof COUNTERS)[number];

export const HISTOGRAMS = ['frt_calendar', 'frt_business', 'resolution_calendar', 'resolution_business'] as const;
export type HistogramName = (typeof HISTOGRAMS)[number];

/** The groupings statistics are kept for; `all` has the single key ''. */
export const DIMENSIONS = ['all', 'team', 'agent', 'channel', 'priority', 'organization'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type Grain = 'd' | 'm';

export interface StatDelta {
  grain: Grain;
  period: string;
  dim: Dimension;
  key: string;
  counters: Partial<Record<Counter, number>>;
  histograms: Partial<Record<HistogramName, SparseHistogram>>;
}

export interface SolverDelta {
  grain: Grain;
  period: string;
  dim: Dimension;
  key: string;
  agentId: string;
  solved: number;
}

export interface Contributions {
  stats: Map<string, StatDelta>;
  solvers: Map<string, SolverDelta>;
}

export const emptyContributions = (): Contributions => ({ stats: new Map(), solvers: new Map() });

/** What happens on one day, before it is spread over the dimensions and grains. */
interface DayItem {
  day: string;
  counters?: Partial<Record<Counter, number>>;
  histograms?: Partial<Record<HistogramName, SparseHistogram>>;
  solver?: string;
}

function dimensionKeys(fact: TicketFactState): [Dimension, string][] {
  return [
    ['all', ''],
    ['team', fact.teamId ?? ''],
    ['agent', fact.assigneeId ?? ''],
    ['channel', fact.channel ?? ''],
    ['priority', fact.priority ?? ''],
    ['organization', fact.organizationId ?? ''],
  ];
}

const statKey = (grain: Grain, period: string, dim: string, key: string) => `${grain}|${period}|${dim}|${key}`;

function addStat(into: Contributions, grain: Grain, period: string, dim: Dimension, key: string, item: DayItem, sign: number) {
  const k = statKey(grain, period, dim, key);
  let delta = into.stats.get(k);
  if (!delta) {
    delta = { grain, period, dim, key, counters: {}, histograms: {} };
    into.stats.set(k, delta);
  }
  for (const [name, value] of Object.entries(item.counters ?? {}) as [Counter, number][]) {
    delta.counters[name] = (delta.counters[name] ?? 0) + sign * value;
  }
  for (const [name, h] of Object.entries(item.histograms ?? {}) as [HistogramName, SparseHistogram][]) {
    delta.histograms[name] = addSparse(delta.histograms[name] ?? new Map<number, number>(), h, sign);
  }
  if (item.solver) {
    const sk = `${k}|${item.solver}`;
    const solver = into.solvers.get(sk) ?? { grain, period, dim, key, agentId: item.solver, solved: 0 };
    solver.solved += sign;
    into.solvers.set(sk, solver);
  }
}

function spread(into: Contributions, items: DayItem[], keys: [Dimension, string][], sign: number) {
  for (const item of items) {
    for (const [dim, key] of keys) {
      addStat(into, 'd', item.day, dim, key, item, sign);
      addStat(into, 'm', monthOf(item.day), dim, key, item, sign);
    }
  }
}

/** The day items of a ticket fact (nothing until its creation is known). */
export function factItems(fact: TicketFactState, timeZone: string): DayItem[] {
  if (!fact.createdAt) return [];
  const day = (at: string) => dayOf(new Date(at), timeZone);
  const items: DayItem[] = [{ day: day(fact.createdAt), counters: { created: 1, backlog: 1 } }];
  for (const c of fact.statusChanges) {
    if (!isDone(c.from) && isDone(c.to)) items.push({ day: day(c.at), counters: { backlog: -1 } });
  }
  for (const at of reopenTimes(fact)) items.push({ day: day(at), counters: { backlog: 1, reopens: 1 } });
  const solved = solvedAt(fact);
  if (solved) {
    const histograms: DayItem['histograms'] = { resolution_calendar: single(minutesBetween(fact.createdAt, solved)) };
    if (fact.resolutionBusiness) histograms.resolution_business = single(fact.resolutionBusiness.minutes);
    items.push({
      day: day(solved),
      counters: { solved: 1, agent_replies: fact.agentReplies },
      histograms,
      solver: fact.assigneeId ?? undefined,
    });
  }
  if (fact.firstResponseAt) {
    items.push({
      day: day(fact.firstResponseAt),
      histograms: { frt_calendar: single(minutesBetween(fact.createdAt, fact.firstResponseAt)) },
    });
  }
  if (fact.firstResponseBusiness) {
    items.push({ day: day(fact.firstResponseBusiness.at), histograms: { frt_business: single(fact.firstResponseBusiness.minutes) } });
  }
  for (const at of fact.escalatedAt) items.push({ day: day(at), counters: { escalations: 1 } });
  for (const at of fact.slaEscalatedAt) items.push({ day: day(at), counters: { sla_escalations: 1 } });
  for (const [key, outcome] of Object.entries(fact.sla)) {
    const clock = key.slice(0, key.indexOf(':'));
    if (!(SLA_CLOCKS as readonly string[]).includes(clock)) continue;
    const counter = `sla_${outcome.outcome === 'met' ? 'met' : 'breached'}_${clock}`;
    items.push({ day: day(outcome.at), counters: { [counter]: 1 } });
  }
  if (fact.csat) items.push({ day: day(fact.csat.at), counters: fact.csat.rating === 'good' ? { csat_good: 1 } : { csat_bad: 1 } });
  return items;
}

/** Adds (sign 1) or takes away (sign −1) a fact's contributions. */
export function addFact(into: Contributions, fact: TicketFactState, timeZone: string, sign: 1 | -1): Contributions {
  spread(into, factItems(fact, timeZone), dimensionKeys(fact), sign);
  return into;
}

/** Knowledge-base deflection counts only for the whole helpdesk (no team or agent owns a session). */
export function addDeflection(into: Contributions, kind: 'session' | 'deflected', at: string, timeZone: string): Contributions {
  const counters = kind === 'session' ? { kb_sessions: 1 } : { kb_deflected: 1 };
  spread(into, [{ day: dayOf(new Date(at), timeZone), counters }], [['all', '']], 1);
  return into;
}

const isZeroStat = (d: StatDelta) =>
  Object.values(d.counters).every((v) => !v) && Object.values(d.histograms).every((h) => !h || [...h.values()].every((v) => !v));

/** The deltas that change something, in a fixed order (rows are locked in that order: no deadlocks). */
export function nonZero(c: Contributions): { stats: StatDelta[]; solvers: SolverDelta[] } {
  const stats = [...c.stats.entries()]
    .filter(([, d]) => !isZeroStat(d))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  const solvers = [...c.solvers.entries()]
    .filter(([, d]) => d.solved !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  return { stats, solvers };
}

/** The change in statistics when a fact goes from `before` to `after`. */
export function factDelta(before: TicketFactState | null, after: TicketFactState, timeZone: string) {
  const c = emptyContributions();
  if (before) addFact(c, before, timeZone, -1);
  addFact(c, after, timeZone, 1);
  return nonZero(c);
}
