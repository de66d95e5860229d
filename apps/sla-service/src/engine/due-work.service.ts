import { randomUUID } from 'node:crypto';
import { EVENTS, SlaBreachedV1, SlaClockRefV1, SlaEscalatedV1, SlaWarningV1 } from '@helpdesk/contracts';
import { currentTime, sqlRows, Transaction, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { clockRules, fireDue, Firing, nextActionAt } from './due-work';
import { PolicyLibrary } from './policy-library';
import { SlaMetrics } from './sla-metrics';
import { summaryChange } from './sla-summary';
import { MetricEvent, PolicyBook, TicketSlaState } from './ticket-sla';
import { policyOf, stateOf, TicketSlaRow, ticketSlaStore } from './ticket-sla.store';

/** A webhook an escalation level asks for, sent later by the webhook sender (with retries). */
export interface WebhookNotice {
  ticketId: string;
  url: string;
  payload: SlaEscalatedV1;
}

const CLAIM = `SELECT ticket_id, ticket_created_at, facts, policy_id, policy_version, first_responded, clocks, state_seq, published_state
  FROM "sla"."ticket_slas" WHERE next_action_at <= $1 ORDER BY next_action_at LIMIT $2 FOR UPDATE SKIP LOCKED`;

/**
 * Claims tickets with due SLA work and fires it: warnings, breaches, escalation levels. The claim
 * is `FOR UPDATE SKIP LOCKED`, so replicas never take the same ticket at once; the firing, the
 * clocks that record it and the events that announce it commit together, so a replica that dies
 * mid-batch leaves nothing half done (another replica claims the same work again).
 */
@Injectable()
export class DueWorkService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly library: PolicyLibrary,
    private readonly metrics: SlaMetrics,
  ) {}

  /** Fires what is due on up to `limit` tickets; answers how many tickets it claimed. */
  async fireDue(limit: number): Promise<number> {
    const breaches: Firing['clock'][] = [];
    const claimed = await this.uow.run(async (tx) => {
      const now = currentTime();
      const rows = await sqlRows<TicketSlaRow>(tx.manager, CLAIM, [now, limit]);
      if (!rows.length) return 0;
      const book = await this.library.book(rows.map(policyOf), { matching: false, manager: tx.manager });
      const updates: Parameters<typeof ticketSlaStore.saveClocks>[1] = [];
      const metrics: { ticketId: string; event: MetricEvent; fired: boolean }[] = [];
      const webhooks: WebhookNotice[] = [];
      for (const row of rows) {
        const state = stateOf(row);
        const rules = clockRules(book, state.policy, state.facts.teamId);
        const { clocks, fired } = fireDue(state.clocks, rules, now);
        const summary = summaryChange(state.ticketId, clocks, row.published_state, row.state_seq);
        for (const firing of fired) {
          const notice = this.announce(tx, book, state, firing, now);
          metrics.push({ ticketId: state.ticketId, event: metricOf(firing, now), fired: true });
          if (firing.type === 'breach') breaches.push(firing.clock);
          if (notice.type === 'escalate') webhooks.push(...webhooksOf(notice.data));
        }
        if (summary.event) tx.emit(EVENTS.sla.ticketState, state.ticketId, summary.event);
        updates.push({
          ticketId: state.ticketId,
          clocks,
          next: nextActionAt(clocks, rules),
          seq: summary.seq,
          published: summary.published,
        });
      }
      await ticketSlaStore.saveClocks(tx.manager, updates);
      await ticketSlaStore.appendMetrics(tx.manager, metrics);
      await insertWebhooks(tx, webhooks, now);
      return rows.length;
    });
    // Counted once committed: a rolled-back batch announced nothing.
    this.metrics.breached(breaches);
    return claimed;
  }

  private announce(tx: Transaction, book: PolicyBook, state: TicketSlaState, firing: Firing, now: Date) {
    const ref: SlaClockRefV1 = {
      ticketId: state.ticketId,
      clock: firing.clock,
      cycle: firing.cycle,
      policyId: state.policy!.id,
      policyVersion: state.policy!.version,
      assigneeId: state.facts.assigneeId,
      teamId: state.facts.teamId,
    };
    switch (firing.type) {
      case 'warning': {
        const data: SlaWarningV1 = {
          ...ref,
          dueAt: firing.dueAt.toISOString(),
          warningPercent: book.definition(state.policy!).warningPercent,
          warnedAt: now.toISOString(),
        };
        tx.emit(EVENTS.sla.warning, state.ticketId, data);
        return { type: firing.type, data };
      }
      case 'breach': {
        const data: SlaBreachedV1 = { ...ref, dueAt: firing.dueAt.toISOString(), breachedAt: firing.dueAt.toISOString() };
        tx.emit(EVENTS.sla.breached, state.ticketId, data);
        return { type: firing.type, data };
      }
      case 'escalate': {
        const data: SlaEscalatedV1 = {
          ...ref,
          level: firing.level,
          breachedAt: firing.breachedAt.toISOString(),
          escalatedAt: now.toISOString(),
          actions: firing.actions,
        };
        tx.emit(EVENTS.sla.escalated, state.ticketId, data);
        return { type: firing.type, data };
      }
    }
  }
}

/** The metric event recording a firing; `firedAt` against `at` (the instant it was due) is its lateness. */
function metricOf(firing: Firing, now: Date): MetricEvent {
  const detail: Record<string, unknown> = { firedAt: now.toISOString() };
  if (firing.type === 'escalate') Object.assign(detail, { level: firing.level, actions: firing.actions });
  else detail.dueAt = firing.dueAt.toISOString();
  const type = firing.type === 'escalate' ? 'escalate' : firing.type;
  return { clock: firing.clock, cycle: firing.cycle, type, at: firing.at, detail };
}

function webhooksOf(data: SlaEscalatedV1): WebhookNotice[] {
  return data.actions
    .filter((action) => action.type === 'notify' && action.to === 'webhook' && action.url)
    .map((action) => ({ ticketId: data.ticketId, url: action.url!, payload: data }));
}

async function insertWebhooks(tx: Transaction, webhooks: WebhookNotice[], now: Date): Promise<void> {
  if (!webhooks.length) return;
  await tx.manager.query(
    `INSERT INTO "sla"."webhook_deliveries" (id, ticket_id, url, payload, next_attempt_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::jsonb[], $5::timestamptz[])`,
    [
      webhooks.map(() => randomUUID()),
      webhooks.map((w) => w.ticketId),
      webhooks.map((w) => w.url),
      webhooks.map((w) => JSON.stringify({ type: EVENTS.sla.escalated, data: w.payload })),
      webhooks.map(() => now),
    ],
  );
}
