import { SlaFulfilledV1 } from '@helpdesk/contracts';
import { calendarTime } from '../clocks/sla-clock';
import { MetricEvent, PolicyBook, TicketSlaState } from './ticket-sla';

const minutes = (ms: number) => Math.round(ms / 600) / 100;

/**
 * What reporting learns when a clock stops (a `fulfil` metric event): the outcome, the minutes the
 * target counted, and for first response and resolution the business and calendar minutes from
 * the ticket's creation, business ones in the policy's calendar (around the clock without one).
 */
export function fulfilments(book: PolicyBook, state: TicketSlaState, metrics: MetricEvent[]): SlaFulfilledV1[] {
  const policy = state.policy;
  if (!policy) return [];
  const calendarId = book.definition(policy).calendarId;
  const business = (calendarId && book.businessTime(calendarId)) || calendarTime;
  return metrics
    .filter((m) => m.type === 'fulfil' && m.clock)
    .map((m) => {
      const clock = state.clocks[m.clock!];
      const fromCreation = m.clock !== 'next_response';
      return {
        ticketId: state.ticketId,
        clock: m.clock!,
        cycle: m.cycle,
        policyId: policy.id,
        policyVersion: policy.version,
        assigneeId: state.facts.assigneeId,
        teamId: state.facts.teamId,
        outcome: m.detail.outcome === 'breached' ? 'breached' : 'met',
        dueAt: clock?.dueAt?.toISOString() ?? null,
        fulfilledAt: m.at.toISOString(),
        elapsedMinutes: Number(m.detail.elapsedMinutes ?? 0),
        businessHours: clock?.businessHours ?? false,
        businessMinutes: fromCreation ? minutes(business.between(state.createdAt, m.at)) : null,
        calendarMinutes: fromCreation ? minutes(calendarTime.between(state.createdAt, m.at)) : null,
      };
    });
}
