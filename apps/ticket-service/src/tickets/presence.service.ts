import { Actor, isStaff, parseTicketRef, PresenceState, PresenceView } from '@helpdesk/contracts';
import { DomainError, sqlRows } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { staffOnly } from '../directory/directory-errors';

/**
 * Collision detection: agents say they are viewing or typing on a ticket, and whoever reads the
 * ticket sees the others. Entries live in PostgreSQL (so every replica sees them) and expire after
 * TICKET_PRESENCE_TTL_SECONDS unless renewed.
 */
@Injectable()
export class PresenceService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  async set(actor: Actor, ticketRef: string, state: PresenceState): Promise<PresenceView[]> {
    if (!isStaff(actor)) throw staffOnly('share their presence on tickets');
    const ticketId = await this.ticketId(ticketRef);
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM "ticket"."ticket_presence" WHERE ticket_id = $1 AND expires_at < now())
       INSERT INTO "ticket"."ticket_presence" (ticket_id, user_id, state, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at`,
      [ticketId, actor.id, state, this.config.presenceTtlSeconds],
    );
    return this.othersOn(ticketId, actor.id);
  }

  async clear(actor: Actor, ticketRef: string): Promise<void> {
    if (!isStaff(actor)) throw staffOnly('share their presence on tickets');
    const ticketId = await this.ticketId(ticketRef);
    await this.dataSource.query(`DELETE FROM "ticket"."ticket_presence" WHERE ticket_id = $1 AND user_id = $2`, [ticketId, actor.id]);
  }

  /** The other people present on a ticket now, typing first. */
  async othersOn(ticketId: string, exceptUserId: string): Promise<PresenceView[]> {
    const rows = await sqlRows<{ user_id: string; name: string; state: PresenceState; expires_at: Date }>(
      this.dataSource,
      `SELECT p.user_id, u.name, p.state, p.expires_at FROM "ticket"."ticket_presence" p JOIN "ticket"."users" u ON u.id = p.user_id
        WHERE p.ticket_id = $1 AND p.user_id <> $2 AND p.expires_at > now()
        ORDER BY (p.state = 'typing') DESC, u.name`,
      [ticketId, exceptUserId],
    );
    return rows.map((r) => ({ userId: r.user_id, name: r.name, state: r.state, expiresAt: r.expires_at.toISOString() }));
  }

  private async ticketId(ref: string): Promise<string> {
    const parsed = parseTicketRef(ref);
    if (parsed.kind === 'invalid') throw DomainError.notFound('Ticket', ref);
    const [row] = await sqlRows<{ id: string }>(
      this.dataSource,
      parsed.kind === 'id' ? `SELECT id FROM "ticket"."tickets" WHERE id = $1` : `SELECT id FROM "ticket"."tickets" WHERE number = $1`,
      [parsed.kind === 'id' ? parsed.id : parsed.number],
    );
    if (!row) throw DomainError.notFound('Ticket', ref);
    return row.id;
  }
}
