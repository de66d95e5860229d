import { ErrorCode, EventEnvelope, RebuildView } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { REPORTING_CONFIG, ReportingConfig } from '../config/reporting.config';
import { addDeflection, addFact, emptyContributions, nonZero } from './contributions';
import { DEFLECTION_EVENTS, deflectionOf } from './projector.service';
import { addSolvers, addStats, saveFacts } from './read-model.store';
import { applyEvent, emptyFact, ProjectedEvent, TicketFactState } from './ticket-fact';

const S = '"reporting"';
/** Held by a running rebuild for its whole transaction. */
const REBUILD_LOCK = 7_300_001;
const PAGE = 5000;
const FACT_BATCH = 1000;

interface RebuildRow {
  id: string;
  status: string;
  requested_by: string | null;
  requested_at: Date;
  finished_at: Date | null;
  events: string | null;
  tickets: string | null;
  error: string | null;
}

const view = (row: RebuildRow, status = row.status, error = row.error): RebuildView => ({
  id: row.id,
  status: status as RebuildView['status'],
  requestedBy: row.requested_by,
  requestedAt: row.requested_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  events: row.events === null ? null : Number(row.events),
  tickets: row.tickets === null ? null : Number(row.tickets),
  error,
});

/**
 * Rebuilds every read model from reporting's event log, from the first event: one transaction
 * empties the facts and statistics and refills them by folding each ticket's logged events, so
 * readers see the old figures until the new ones are complete. Live events wait meanwhile (the log
 * is locked against writes) and apply on top afterwards.
 */
@Injectable()
export class RebuildService {
  private readonly logger = new Logger(RebuildService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async start(requestedBy: string | null): Promise<RebuildView> {
    const running = await this.running();
    if (running) throw new DomainError(ErrorCode.Conflict, 'A rebuild is already running', { rebuildId: running.id });
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO ${S}."rebuilds" (id, status, requested_by) VALUES ($1, 'running', $2)`, [id, requestedBy]);
    void this.run(id);
    return (await this.get(id))!;
  }

  async get(id: string): Promise<RebuildView | null> {
    const [row] = await this.dataSource.query<RebuildRow[]>(`SELECT * FROM ${S}."rebuilds" WHERE id = $1`, [id]);
    if (!row) return null;
    if (row.status === 'running' && !(await this.lockHeld())) {
      // Nobody holds the rebuild lock: the process running it stopped (its transaction rolled back).
      const [fresh] = await this.dataSource.query<RebuildRow[]>(`SELECT * FROM ${S}."rebuilds" WHERE id = $1`, [id]);
      if (fresh.status === 'running' && Date.now() - fresh.requested_at.getTime() > 10_000)
        return view(fresh, 'failed', 'interrupted: the process running it stopped');
      return view(fresh);
    }
    return view(row);
  }

  private async running(): Promise<RebuildView | null> {
    const rows = await this.dataSource.query<
      {
        id: string;
      }[]
    >(`SELECT id FROM ${S}."rebuilds" WHERE status = 'running' ORDER BY requested_at DESC LIMIT 5`);
    for (const { id } of rows) {
      const current = await this.get(id);
      if (current?.status === 'running') return current;
    }
    return null;
  }

  private async lockHeld(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`,
      [REBUILD_LOCK],
    );
    return row.n > 0;
  }

  private async run(id: string): Promise<void> {
    try {
      const counts = await this.dataSource.transaction((manager) => this.rebuild(manager, id));
      this.logger.log(`rebuild ${id}: ${counts.events} events, ${counts.tickets} tickets`);
    } catch (error) {
      this.logger.error(`rebuild ${id} failed: ${String(error)}`);
      await this.dataSource
        .query(`UPDATE ${S}."rebuilds" SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
          id,
          String(error).slice(0, 2000),
        ])
        .catch(() => undefined);
    }
  }

  /** The whole rebuild, inside one transaction. */
  async rebuild(manager: EntityManager, id: string | null): Promise<{ events: number; tickets: number }> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [REBUILD_LOCK]);
    await manager.query(`LOCK TABLE ${S}."event_log" IN EXCLUSIVE MODE`);
    await manager.query(`TRUNCATE ${S}."ticket_facts", ${S}."stats", ${S}."solvers"`);
    const totals = emptyContributions();
    const timeZone = this.config.timeZone;
    let events = 0;
    let tickets = 0;
    let pending: TicketFactState[] = [];
    let current: TicketFactState | null = null;
    const finish = async (force = false) => {
      if (current) {
        addFact(totals, current, timeZone, 1);
        pending.push(current);
        tickets++;
        current = null;
      }
      if (pending.length >= FACT_BATCH || (force && pending.length)) {
        await saveFacts(manager, pending);
        pending = [];
      }
    };
    let after: [string, string] = ['00000000-0000-0000-0000-000000000000', '0'];
    for (;;) {
      const rows = await manager.query<{ seq: string; ticket_id: string; payload: EventEnvelope }[]>(
        `SELECT seq, ticket_id, payload FROM ${S}."event_log"
          WHERE ticket_id IS NOT NULL AND (ticket_id, seq) > ($1::uuid, $2::bigint) ORDER BY ticket_id, seq LIMIT ${PAGE}`,
        after,
      );
      for (const row of rows) {
        if (current && current.ticketId !== row.ticket_id) await finish();
        current = applyEvent(current ?? emptyFact(row.ticket_id), row.payload as unknown as ProjectedEvent);
        events++;
      }
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = [last.ticket_id, last.seq];
    }
    await finish(true);
    let seq = '0';
    for (;;) {
      const rows = await manager.query<{ seq: string; payload: EventEnvelope }[]>(
        `SELECT seq, payload FROM ${S}."event_log" WHERE ticket_id IS NULL AND type = ANY($1::varchar[]) AND seq > $2::bigint ORDER BY seq LIMIT ${PAGE}`,
        [DEFLECTION_EVENTS, seq],
      );
      for (const row of rows) {
        const kind = deflectionOf(row.payload);
        if (kind) addDeflection(totals, kind, row.payload.occurredAt, timeZone);
        events++;
      }
      if (rows.length < PAGE) break;
      seq = rows[rows.length - 1].seq;
    }
    const { stats, solvers } = nonZero(totals);
    await addStats(manager, stats);
    await addSolvers(manager, solvers);
    if (id) {
      await manager.query(`UPDATE ${S}."rebuilds" SET status = 'done', finished_at = now(), events = $2, tickets = $3 WHERE id = $1`, [
        id,
        events,
        tickets,
      ]);
    }
    return { events, tickets };
  }
}
