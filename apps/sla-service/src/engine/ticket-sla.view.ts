import { SlaMetricEventView, SlaTargetStateView, SlaTargetStatus, TicketSlaView } from '@helpdesk/contracts';
import { clockProgress } from '../clocks/sla-clock';
import { CLOCK_KINDS, measureOf, MetricEvent, PolicyBook, TicketSlaState } from './ticket-sla';

const minutes = (ms: number) => Math.round(ms / 600) / 100;
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** A ticket's SLA as a reader wants it at `at`: each target, its due time, time counted and left, paused, met or breached. */
export function ticketSlaView(
  book: PolicyBook,
  state: TicketSlaState | null,
  policyName: string | null,
  metrics: MetricEvent[],
  ticketId: string,
  at: Date,
): TicketSlaView {
  const targets: SlaTargetStateView[] = [];
  for (const kind of state ? CLOCK_KINDS : []) {
    const clock = state!.clocks[kind];
    if (!clock) continue;
    const progress = clockProgress(measureOf(book, state!.policy, clock), clock, at);
    const breached = !!clock.breachedAt || clock.outcome === 'breached' || (!!clock.stoppedAt && progress.breached);
    const status: SlaTargetStatus = clock.stoppedAt ? (breached ? 'breached' : 'met') : progress.paused ? 'paused' : 'running';
    targets.push({
      clock: kind,
      cycle: clock.cycle,
      status,
      targetMinutes: minutes(clock.targetMs),
      businessHours: clock.businessHours,
      dueAt: iso(clock.dueAt),
      elapsedMinutes: minutes(progress.elapsedMs),
      remainingMinutes: minutes(progress.remainingMs),
      paused: progress.paused,
      breached,
      breachedAt: iso(clock.breachedAt),
      warnedAt: iso(clock.warnedAt),
      stoppedAt: iso(clock.stoppedAt),
      escalatedLevels: [...clock.firedLevels],
    });
  }
  const policy = state?.policy ? { id: state.policy.id, name: policyName ?? '', version: state.policy.version } : null;
  const events: SlaMetricEventView[] = metrics.map((m) => ({
    clock: m.clock,
    cycle: m.cycle,
    type: m.type,
    at: m.at.toISOString(),
    detail: m.detail,
  }));
  return { ticketId, policy, targets, events, at: at.toISOString() };
}
