import { sqlRows } from '@helpdesk/platform';
import { EntityManager } from 'typeorm';
import { ClockKind } from '../clocks/sla-transitions';
import {
  CLOCK_KINDS,
  EngineClock,
  EngineClocks,
  MetricEvent,
  PolicyRef,
  RecordedInput,
  SlaTicketFacts,
  TicketSlaState,
} from './ticket-sla';

/** A clock as stored (jsonb): instants as ISO strings. */
interface StoredClock {
  cycle: number;
  businessHours: boolean;
  targetMs: number;
  elapsedMs: number;
  runningSince: string | null;
  dueAt: string | null;
  stoppedAt: string | null;
  outcome: EngineClock['outcome'];
  warnedAt: string | null;
  breachedAt: string | null;
  firedLevels: number[];
}

export interface TicketSlaRow {
  ticket_id: string;
  ticket_created_at: Date;
  facts: SlaTicketFacts;
  policy_id: string | null;
  policy_version: number | null;
  first_responded: boolean;
  clocks: Partial<Record<ClockKind, StoredClock>>;
  last_input_at: Date;
  input_count: number;
  state_seq: number;
  published_state: { nextDueAt: string | null; breached: boolean } | null;
}

const date = (text: string | null) => (text === null ? null : new Date(text));
const text = (at: Date | null) => (at === null ? null : at.toISOString());

export function storeClocks(clocks: EngineClocks): Partial<Record<ClockKind, StoredClock>> {
  const out: Partial<Record<ClockKind, StoredClock>> = {};
  for (const kind of CLOCK_KINDS) {
    const c = clocks[kind];
    if (!c) continue;
    out[kind] = {
      cycle: c.cycle,
      businessHours: c.businessHours,
      targetMs: c.targetMs,
      elapsedMs: c.elapsedMs,
      runningSince: text(c.runningSince),
      dueAt: text(c.dueAt),
      stoppedAt: text(c.stoppedAt),
      outcome: c.outcome,
      warnedAt: text(c.warnedAt),
      breachedAt: text(c.breachedAt),
      firedLevels: c.firedLevels,
    };
  }
  return out;
}

export function readClocks(stored: Partial<Record<ClockKind, StoredClock>>): EngineClocks {
  const out: EngineClocks = {};
  for (const kind of CLOCK_KINDS) {
    const c = stored[kind];
    if (!c) continue;
    out[kind] = {
      cycle: c.cycle,
      businessHours: c.businessHours,
      targetMs: c.targetMs,
      elapsedMs: c.elapsedMs,
      runningSince: date(c.runningSince),
      dueAt: date(c.dueAt),
      stoppedAt: date(c.stoppedAt),
      outcome: c.outcome,
      warnedAt: date(c.warnedAt),
      breachedAt: date(c.breachedAt),
      firedLevels: c.firedLevels,
    };
  }
  return out;
}

export function policyOf(row: Pick<TicketSlaRow, 'policy_id' | 'policy_version'>): PolicyRef | null {
  return row.policy_id && row.policy_version ? { id: row.policy_id, version: row.policy_version } : null;
}

export function stateOf(row: TicketSlaRow): TicketSlaState {
  return {
    ticketId: row.ticket_id,
    createdAt: row.ticket_created_at,
    facts: row.facts,
    policy: policyOf(row),
    clocks: readClocks(row.clocks),
    firstResponded: row.first_responded,
  };
}

/** Whether a clock still counts or may count again (running or paused): its calendar must stay. */
export function hasLiveClock(clocks: EngineClocks): boolean {
  return CLOCK_KINDS.some((kind) => {
    const clock = clocks[kind];
    return !!clock && !clock.stoppedAt;
  });
}

const TABLE = `"sla"."ticket_slas"`;

/** SQL of the SLA engine's tables; the ticket's row is the lock every writer takes first. */
export const ticketSlaStore = {
  async lock(manager: EntityManager, ticketId: string): Promise<TicketSlaRow | null> {
    const [row] = await sqlRows<TicketSlaRow>(manager, `SELECT * FROM ${TABLE} WHERE ticket_id = $1 FOR UPDATE`, [ticketId]);
    return row ?? null;
  },

  async read(manager: EntityManager, ticketId: string): Promise<TicketSlaRow | null> {
    const [row] = await sqlRows<TicketSlaRow>(manager, `SELECT * FROM ${TABLE} WHERE ticket_id = $1`, [ticketId]);
    return row ?? null;
  },

  async save(
    manager: EntityManager,
    state: TicketSlaState,
    row: { lastInputAt: Date; inputCount: number; nextActionAt: Date | null; stateSeq: number; published: TicketSlaRow['published_state'] },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${TABLE} (ticket_id, ticket_created_at, facts, policy_id, policy_version, first_responded, clocks, live, next_action_at,
                             last_input_at, input_count, state_seq, published_state)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13::jsonb)
       ON CONFLICT (ticket_id) DO UPDATE SET facts = EXCLUDED.facts, policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version,
         first_responded = EXCLUDED.first_responded, clocks = EXCLUDED.clocks, live = EXCLUDED.live, next_action_at = EXCLUDED.next_action_at,
         last_input_at = EXCLUDED.last_input_at, input_count = EXCLUDED.input_count, state_seq = EXCLUDED.state_seq,
         published_state = EXCLUDED.published_state`,
      [
        state.ticketId,
        state.createdAt,
        JSON.stringify(state.facts),
        state.policy?.id ?? null,
        state.policy?.version ?? null,
        state.firstResponded,
        JSON.stringify(storeClocks(state.clocks)),
        hasLiveClock(state.clocks),
        row.nextActionAt,
        row.lastInputAt,
        row.inputCount,
        row.stateSeq,
        row.published ? JSON.stringify(row.published) : null,
      ],
    );
  },

  async appendInput(manager: EntityManager, ticketId: string, seq: number, input: RecordedInput): Promise<void> {
    await manager.query(`INSERT INTO "sla"."ticket_inputs" (ticket_id, seq, at, input) VALUES ($1, $2, $3, $4::jsonb)`, [
      ticketId,
      seq,
      input.at,
      JSON.stringify({ facts: input.facts, events: input.events, policy: input.policy }),
    ]);
  },

  async inputs(manager: EntityManager, ticketId: string): Promise<RecordedInput[]> {
    const rows = await sqlRows<{ at: Date; input: Omit<RecordedInput, 'at'> }>(
      manager,
      `SELECT at, input FROM "sla"."ticket_inputs" WHERE ticket_id = $1 ORDER BY at, seq`,
      [ticketId],
    );
    return rows.map(({ at, input }) => ({ ...input, at }));
  },

  /** The recorded inputs of many tickets (in time order each); a ticket with none is absent from the map. */
  async inputsOf(manager: EntityManager, ticketIds: string[]): Promise<Map<string, RecordedInput[]>> {
    const out = new Map<string, RecordedInput[]>();
    if (!ticketIds.length) return out;
    const rows = await sqlRows<{ ticket_id: string; at: Date; input: Omit<RecordedInput, 'at'> }>(
      manager,
      `SELECT ticket_id, at, input FROM "sla"."ticket_inputs" WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, at, seq`,
      [ticketIds],
    );
    for (const { ticket_id, at, input } of rows) {
      const list = out.get(ticket_id) ?? [];
      list.push({ ...input, at });
      out.set(ticket_id, list);
    }
    return out;
  },

  /** A page of the tickets created in [from, to), oldest first, after the key `after` (keyset pagination). */
  async createdBetween(
    manager: EntityManager,
    from: Date,
    to: Date,
    after: { createdAt: Date; ticketId: string } | null,
    limit: number,
  ): Promise<Pick<TicketSlaRow, 'ticket_id' | 'ticket_created_at' | 'facts' | 'clocks'>[]> {
    return sqlRows(
      manager,
      `SELECT ticket_id, ticket_created_at, facts, clocks FROM ${TABLE}
        WHERE ticket_created_at >= $1 AND ticket_created_at < $2
          AND ($3::timestamptz IS NULL OR (ticket_created_at, ticket_id) > ($3::timestamptz, $4::uuid))
        ORDER BY ticket_created_at, ticket_id LIMIT $5`,
      [from, to, after?.createdAt ?? null, after?.ticketId ?? null, limit],
    );
  },

  async lastInputSeq(manager: EntityManager, ticketId: string): Promise<number> {
    const [row] = await sqlRows<{ seq: number | null }>(manager, `SELECT max(seq) AS seq FROM "sla"."ticket_inputs" WHERE ticket_id = $1`, [
      ticketId,
    ]);
    return row?.seq ?? 0;
  },

  /** Writes the clocks (and what follows from them) of many tickets in one statement (one JSON parameter: no per-element escaping). */
  async saveClocks(
    manager: EntityManager,
    updates: { ticketId: string; clocks: EngineClocks; next: Date | null; seq: number; published: TicketSlaRow['published_state'] }[],
  ): Promise<void> {
    if (!updates.length) return;
    const rows = updates.map((u) => ({
      ticket_id: u.ticketId,
      clocks: storeClocks(u.clocks),
      live: hasLiveClock(u.clocks),
      next: u.next,
      seq: u.seq,
      published: u.published,
    }));
    await manager.query(
      `UPDATE ${TABLE} t SET clocks = u.clocks, live = u.live, next_action_at = u.next, state_seq = u.seq, published_state = u.published
         FROM jsonb_to_recordset($1::jsonb) AS u(ticket_id uuid, clocks jsonb, live boolean, next timestamptz, seq int, published jsonb)
        WHERE t.ticket_id = u.ticket_id`,
      [JSON.stringify(rows)],
    );
  },

  /** Appends metric events of many tickets in one statement (one JSON parameter: no per-element escaping). */
  async appendMetrics(manager: EntityManager, rows: { ticketId: string; event: MetricEvent; fired: boolean }[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO "sla"."metric_events" (ticket_id, clock, cycle, type, at, fired, detail)
       SELECT ticket_id, clock, cycle, type, at, fired, detail
         FROM jsonb_to_recordset($1::jsonb) AS m(ticket_id uuid, clock varchar, cycle int, type varchar, at timestamptz, fired boolean, detail jsonb)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            ticket_id: r.ticketId,
            clock: r.event.clock,
            cycle: r.event.cycle,
            type: r.event.type,
            at: r.event.at,
            fired: r.fired,
            detail: r.event.detail,
          })),
        ),
      ],
    );
  },

  /** A replay rewrites the clock steps it derives; what was fired stays. */
  async dropDerivedMetrics(manager: EntityManager, ticketId: string): Promise<void> {
    await manager.query(`DELETE FROM "sla"."metric_events" WHERE ticket_id = $1 AND NOT fired`, [ticketId]);
  },

  async metrics(manager: EntityManager, ticketId: string): Promise<(MetricEvent & { fired: boolean })[]> {
    return sqlRows<MetricEvent & { fired: boolean }>(
      manager,
      `SELECT clock, cycle, type, at, fired, detail FROM "sla"."metric_events" WHERE ticket_id = $1 ORDER BY at, id`,
      [ticketId],
    );
  },
};
