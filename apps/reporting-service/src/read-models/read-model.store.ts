import { EntityManager } from 'typeorm';
import { COUNTERS, HISTOGRAMS, SolverDelta, StatDelta } from './contributions';
import { toDense } from './duration-histogram';
import { minutesBetween, reopenTimes, solvedAt, TicketFactState } from './ticket-fact';

/** SQL of the read models: facts, statistics and solvers. */

const S = '"reporting"';
const ROWS_PER_STATEMENT = 200;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const STAT_COLUMNS = ['dim', 'grain', 'period', 'key', ...COUNTERS, ...HISTOGRAMS];
const STAT_UPDATE = [
  ...COUNTERS.map((c) => `"${c}" = s."${c}" + EXCLUDED."${c}"`),
  ...HISTOGRAMS.map((h) => `"${h}" = ${S}.hist_add(s."${h}", EXCLUDED."${h}")`),
].join(', ');

/** Adds deltas to the statistics (rows are created as needed). */
export async function addStats(manager: EntityManager, deltas: StatDelta[]): Promise<void> {
  for (const batch of chunks(deltas, ROWS_PER_STATEMENT)) {
    const params: unknown[] = [];
    const rows = batch.map((d) => {
      const values = [
        d.dim,
        d.grain,
        d.period,
        d.key,
        ...COUNTERS.map((c) => d.counters[c] ?? 0),
        ...HISTOGRAMS.map((h) => toDense(d.histograms[h])),
      ];
      const placeholders = values.map((v, i) => {
        params.push(v);
        const n = params.length;
        return i === 2 ? `$${n}::date` : i >= 4 + COUNTERS.length ? `$${n}::integer[]` : `$${n}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO ${S}."stats" AS s (${STAT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.join(', ')}
       ON CONFLICT ("dim", "grain", "period", "key") DO UPDATE SET ${STAT_UPDATE}`,
      params,
    );
  }
}

const ZERO_STAT = [...COUNTERS.map((c) => `s."${c}" = 0`), ...HISTOGRAMS.map((h) => `s."${h}" = '{}'`)].join(' AND ');

/** Drops the rows among `deltas` that came down to nothing (so that they equal no row, as after a rebuild). */
export async function dropEmptyStats(manager: EntityManager, deltas: StatDelta[]): Promise<void> {
  const negative = deltas.filter(
    (d) =>
      Object.values(d.counters).some((v) => (v ?? 0) < 0) ||
      Object.values(d.histograms).some((h) => h && [...h.values()].some((v) => v < 0)),
  );
  for (const batch of chunks(negative, ROWS_PER_STATEMENT)) {
    const params: unknown[] = [];
    const keys = batch.map((d) => {
      params.push(d.dim, d.grain, d.period, d.key);
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}::date, $${n})`;
    });
    await manager.query(
      `DELETE FROM ${S}."stats" s USING (VALUES ${keys.join(', ')}) AS k (dim, grain, period, key)
        WHERE s.dim = k.dim AND s.grain = k.grain AND s.period = k.period AND s.key = k.key AND ${ZERO_STAT}`,
      params,
    );
  }
}

export async function addSolvers(manager: EntityManager, deltas: SolverDelta[]): Promise<void> {
  for (const batch of chunks(deltas, ROWS_PER_STATEMENT)) {
    const params: unknown[] = [];
    const rows = batch.map((d) => {
      params.push(d.dim, d.grain, d.period, d.key, d.agentId, d.solved);
      const n = params.length;
      return `($${n - 5}, $${n - 4}, $${n - 3}::date, $${n - 2}, $${n - 1}::uuid, $${n}::integer)`;
    });
    await manager.query(
      `INSERT INTO ${S}."solvers" AS s ("dim", "grain", "period", "key", "agent_id", "solved") VALUES ${rows.join(', ')}
       ON CONFLICT ("dim", "grain", "period", "key", "agent_id") DO UPDATE SET "solved" = s."solved" + EXCLUDED."solved"`,
      params,
    );
  }
  for (const batch of chunks(
    deltas.filter((d) => d.solved < 0),
    ROWS_PER_STATEMENT,
  )) {
    const params: unknown[] = [];
    const keys = batch.map((d) => {
      params.push(d.dim, d.grain, d.period, d.key, d.agentId);
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}::date, $${n - 1}, $${n}::uuid)`;
    });
    await manager.query(
      `DELETE FROM ${S}."solvers" s USING (VALUES ${keys.join(', ')}) AS k (dim, grain, period, key, agent_id)
        WHERE s.dim = k.dim AND s.grain = k.grain AND s.period = k.period AND s.key = k.key AND s.agent_id = k.agent_id AND s.solved = 0`,
      params,
    );
  }
}

/** Records an event once; false when it was already recorded (a redelivery). */
export async function logEvent(
  manager: EntityManager,
  event: { id: string; type: string; occurredAt: string },
  ticketId: string | null,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${S}."event_log" ("event_id", "type", "ticket_id", "occurred_at", "payload") VALUES ($1, $2, $3::uuid, $4, $5::jsonb)
     ON CONFLICT ("event_id") DO NOTHING RETURNING "seq"`,
    [event.id, event.type, ticketId, event.occurredAt, JSON.stringify(event)],
  );
  return rows.length > 0;
}

/** The fact of a ticket, locked for this transaction (the lock also covers a fact not written yet). */
export async function lockFact(manager: EntityManager, ticketId: string): Promise<TicketFactState | null> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 11))`, [ticketId]);
  const rows: { state: TicketFactState }[] = await manager.query(`SELECT "state" FROM ${S}."ticket_facts" WHERE ticket_id = $1`, [
    ticketId,
  ]);
  return rows[0]?.state ?? null;
}

const FACT_COLUMNS = [
  'ticket_id',
  'number',
  'subject',
  'status',
  'priority',
  'channel',
  'type',
  'tier',
  'team_id',
  'assignee_id',
  'organization_id',
  'requester_id',
  'tags',
  'created_at',
  'first_response_at',
  'solved_at',
  'first_response_minutes',
  'first_response_business_minutes',
  'resolution_minutes',
  'resolution_business_minutes',
  'reopens',
  'agent_replies',
  'escalations',
  'sla_escalations',
  'sla_breaches',
  'sla_first_response',
  'sla_resolution',
  'csat_rating',
  'csat_rated_at',
  'state',
];

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The columns BI tools read, derived from the fact. */
export function factRow(fact: TicketFactState): unknown[] {
  const solved = solvedAt(fact);
  const outcomes = Object.entries(fact.sla);
  const latest = (clock: string) =>
    outcomes
      .filter(([k]) => k.startsWith(`${clock}:`))
      .sort(([a], [b]) => Number(a.split(':')[1]) - Number(b.split(':')[1]))
      .pop()?.[1].outcome ?? null;
  return [
    fact.ticketId,
    fact.number,
    fact.subject?.slice(0, 500) ?? null,
    fact.status,
    fact.priority,
    fact.channel,
    fact.type,
    fact.tier,
    fact.teamId,
    fact.assigneeId,
    fact.organizationId,
    fact.requesterId,
    fact.tags,
    fact.createdAt,
    fact.firstResponseAt,
    solved,
    fact.createdAt && fact.firstResponseAt ? round2(minutesBetween(fact.createdAt, fact.firstResponseAt)) : null,
    fact.firstResponseBusiness?.minutes ?? null,
    fact.createdAt && solved ? round2(minutesBetween(fact.createdAt, solved)) : null,
    solved ? (fact.resolutionBusiness?.minutes ?? null) : null,
    reopenTimes(fact).length,
    fact.agentReplies,
    fact.escalatedAt.length,
    fact.slaEscalatedAt.length,
    outcomes.filter(([, o]) => o.outcome === 'breached').length,
    latest('first_response'),
    latest('resolution'),
    fact.csat?.rating ?? null,
    fact.csat?.at ?? null,
    JSON.stringify(fact),
  ];
}

/** Writes facts (new or changed), each with a new change sequence number for incremental exports. */
export async function saveFacts(manager: EntityManager, facts: TicketFactState[]): Promise<void> {
  const columns = FACT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const updates = FACT_COLUMNS.filter((c) => c !== 'ticket_id')
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(', ');
  for (const batch of chunks(facts, ROWS_PER_STATEMENT)) {
    const params: unknown[] = [];
    const rows = batch.map((fact) => {
      const values = factRow(fact);
      const placeholders = values.map((v, i) => {
        params.push(v);
        const column = FACT_COLUMNS[i];
        const cast = column === 'tags' ? '::text[]' : column === 'state' ? '::jsonb' : column.endsWith('_id') ? '::uuid' : '';
        return `$${params.length}${cast}`;
      });
      return `(${placeholders.join(', ')}, now(), nextval('${S}."fact_changes"'))`;
    });
    await manager.query(
      `INSERT INTO ${S}."ticket_facts" (${columns}, "changed_at", "change_seq") VALUES ${rows.join(', ')}
       ON CONFLICT ("ticket_id") DO UPDATE SET ${updates}, "changed_at" = now(), "change_seq" = EXCLUDED."change_seq"`,
      params,
    );
  }
}
