import { EVENTS, EventEnvelope } from '@helpdesk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REPORTING_CONFIG, ReportingConfig } from '../config/reporting.config';
import { addDeflection, emptyContributions, factDelta, nonZero } from './contributions';
import { addSolvers, addStats, dropEmptyStats, lockFact, logEvent, saveFacts } from './read-model.store';
import { applyEvent, emptyFact, ProjectedEvent, TICKET_FACT_EVENTS } from './ticket-fact';

/** The deflection events (kb-service's suggestion sessions) reporting counts. */
export const DEFLECTION_EVENTS: readonly string[] = [EVENTS.kb.suggestionsShown, EVENTS.kb.suggestionSolved];

/** The ticket an event is about (its aggregate for ticket, SLA and CSAT events). */
export function ticketOf(event: EventEnvelope): string | null {
  if (!TICKET_FACT_EVENTS.includes(event.type)) return null;
  const data = event.data as { ticketId?: string; ticket?: { id: string } };
  return data.ticket?.id ?? data.ticketId ?? event.aggregateId;
}

/**
 * Applies one event to the read models, once: the event is logged (the log is what a rebuild
 * replays), the ticket's fact is folded forward, and the statistics move by the fact's change — all
 * in one transaction.
 */
@Injectable()
export class Projector {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async apply(event: EventEnvelope): Promise<boolean> {
    const ticketId = ticketOf(event);
    return this.dataSource.transaction(async (manager) => {
      if (!(await logEvent(manager, event, ticketId))) return false;
      if (ticketId) {
        const before = await lockFact(manager, ticketId);
        const after = applyEvent(before ?? emptyFact(ticketId), event as unknown as ProjectedEvent);
        const delta = factDelta(before, after, this.config.timeZone);
        await saveFacts(manager, [after]);
        await addStats(manager, delta.stats);
        await dropEmptyStats(manager, delta.stats);
        await addSolvers(manager, delta.solvers);
      } else if (DEFLECTION_EVENTS.includes(event.type)) {
        const deflection = deflectionOf(event);
        if (deflection)
          await addStats(manager, nonZero(addDeflection(emptyContributions(), deflection, event.occurredAt, this.config.timeZone)).stats);
      }
      return true;
    });
  }
}

/** A suggestion session that showed articles counts as a session; one said to have solved the problem, as deflected. */
export function deflectionOf(event: EventEnvelope): 'session' | 'deflected' | null {
  if (event.type === EVENTS.kb.suggestionsShown)
    return ((event.data as { articleIds?: string[] }).articleIds ?? []).length ? 'session' : null;
  if (event.type === EVENTS.kb.suggestionSolved) return 'deflected';
  return null;
}
