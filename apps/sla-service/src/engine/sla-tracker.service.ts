import { EVENTS } from '@helpdesk/contracts';
import { Transaction } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { clockRules, nextActionAt } from './due-work';
import { fulfilments } from './fulfilment';
import { PolicyLibrary } from './policy-library';
import { summaryChange } from './sla-summary';
import {
  applyInput,
  MetricEvent,
  newTicketSla,
  PolicyBook,
  PolicyRef,
  RecordedInput,
  replayInputs,
  SlaInput,
  TicketSlaState,
} from './ticket-sla';
import { policyOf, stateOf, TicketSlaRow, ticketSlaStore as store } from './ticket-sla.store';

/**
 * Feeds what happens to tickets into their SLA clocks: records the input, moves the clocks of the
 * ticket's policy version, and schedules what fires next. Runs inside the consumer's inbox
 * transaction, so an event applies once. Inputs normally arrive in order; one that arrives late
 * (a redelivery after later events) is recorded and the ticket is recomputed from all its inputs.
 */
@Injectable()
export class SlaTracker {
  constructor(private readonly library: PolicyLibrary) {}

  async record(tx: Transaction, ticketId: string, input: SlaInput): Promise<void> {
    const { manager } = tx;
    // Serializes the inputs of one ticket, even before its row exists; the due-work claim never waits on it.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))`, [ticketId]);
    const row = await store.lock(manager, ticketId);
    let book = await this.library.book([row ? policyOf(row) : null], { matching: !!input.facts, manager });
    const decided: PolicyRef | null | undefined = input.facts ? book.match(input.facts) : undefined;
    const recorded: RecordedInput = { ...input, policy: decided };
    const seq = (row?.input_count ?? (await store.lastInputSeq(manager, ticketId))) + 1;
    await store.appendInput(manager, ticketId, seq, recorded);

    const creation = input.events.some((e) => e.type === 'created');
    let state: TicketSlaState;
    let metrics: MetricEvent[];
    if (!row) {
      // Nothing to count before the ticket's creation is known: earlier arrivals wait for it.
      if (!creation || !input.facts) return;
      const early = seq > 1;
      if (early) {
        const replay = replayInputs(book, { ticketId, createdAt: input.at }, await store.inputs(manager, ticketId));
        if (!replay.state) return;
        ({ state, metrics } = replay as { state: TicketSlaState; metrics: MetricEvent[] });
      } else {
        ({ state, metrics } = applyInput(book, newTicketSla(ticketId, input.at, input.facts), input, decided));
      }
    } else if (input.at >= row.last_input_at) {
      ({ state, metrics } = applyInput(book, stateOf(row), input, decided));
    } else {
      const inputs = await store.inputs(manager, ticketId);
      book = await this.library.book([policyOf(row), ...inputs.map((i) => i.policy ?? null)], { matching: false, manager });
      const replay = replayInputs(book, { ticketId, createdAt: row.ticket_created_at }, inputs, stateOf(row).clocks);
      if (!replay.state) return;
      await store.dropDerivedMetrics(manager, ticketId);
      ({ state, metrics } = replay as { state: TicketSlaState; metrics: MetricEvent[] });
    }
    await this.save(tx, book, state, row, metrics, { seq, at: input.at });
  }

  private async save(
    tx: Transaction,
    book: PolicyBook,
    state: TicketSlaState,
    row: TicketSlaRow | null,
    metrics: MetricEvent[],
    { seq, at }: { seq: number; at: Date },
  ): Promise<void> {
    const next = nextActionAt(state.clocks, clockRules(book, state.policy, state.facts.teamId));
    const summary = summaryChange(state.ticketId, state.clocks, row?.published_state ?? null, row?.state_seq ?? 0);
    await store.save(tx.manager, state, {
      lastInputAt: row && row.last_input_at > at ? row.last_input_at : at,
      inputCount: seq,
      nextActionAt: next,
      stateSeq: summary.seq,
      published: summary.published,
    });
    await store.appendMetrics(
      tx.manager,
      metrics.map((event) => ({ ticketId: state.ticketId, event, fired: false })),
    );
    if (summary.event) tx.emit(EVENTS.sla.ticketState, state.ticketId, summary.event);
    // A replay re-announces the stops it recomputes; reporting keys them by clock and cycle.
    for (const fulfilled of fulfilments(book, state, metrics)) tx.emit(EVENTS.sla.fulfilled, state.ticketId, fulfilled);
  }
}
