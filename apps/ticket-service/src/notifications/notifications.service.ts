import { randomUUID } from 'node:crypto';
import { Actor, DEFAULT_PAGE_SIZE, ListNotificationsQuery, NotificationKind, NotificationView, Page } from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeSeqCursor, encodeSeqCursor, invalidCursor } from '../tickets/ticket-cursor';

interface NotificationRow {
  id: string;
  seq: string;
  kind: NotificationKind;
  ticket_id: string;
  number: string;
  subject: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** In-app notifications: written by the suite (SLA warnings, escalations), read by the person they are for. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Leaves the same notification for each of `userIds` that is an active user (others are skipped),
   * inside the caller's transaction; returns who got one.
   */
  async notify(
    manager: EntityManager,
    userIds: readonly string[],
    ticketId: string,
    kind: NotificationKind,
    payload: Record<string, unknown>,
  ): Promise<string[]> {
    const unique = [...new Set(userIds)];
    if (!unique.length) return [];
    const existing = await sqlRows<{ id: string }>(manager, `SELECT id FROM "ticket"."users" WHERE id = ANY($1::uuid[]) AND active`, [
      unique,
    ]);
    const found = unique.filter((id) => existing.some((row) => row.id === id));
    const createdAt = currentTime();
    for (const userId of found) {
      await manager.query(
        `INSERT INTO "ticket"."notifications" (id, user_id, ticket_id, kind, payload, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
        [randomUUID(), userId, ticketId, kind, JSON.stringify(payload), createdAt],
      );
    }
    return found;
  }

  /** The caller's own notifications, newest first. */
  async list(actor: Actor, query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    let after: string | null = null;
    if (query.cursor) {
      after = decodeSeqCursor(query.cursor);
      if (after === null) throw invalidCursor();
    }
    const params: unknown[] = [actor.id, limit + 1];
    const conditions = ['n.user_id = $1'];
    if (query.unread) conditions.push('n.read_at IS NULL');
    if (after !== null) {
      params.push(after);
      conditions.push(`n.seq < $${params.length}`);
    }
    const rows = await sqlRows<NotificationRow>(
      this.dataSource.manager,
      `SELECT n.id, n.seq::text AS seq, n.kind, n.ticket_id, t.number, t.subject, n.payload, n.created_at, n.read_at
         FROM "ticket"."notifications" n JOIN "ticket"."tickets" t ON t.id = n.ticket_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY n.seq DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    return { data: page.map(toView), nextCursor: rows.length > limit ? encodeSeqCursor(page[page.length - 1].seq) : null };
  }

  /** Marks one of the caller's notifications read (reading it again changes nothing); someone else's is 404. */
  async markRead(actor: Actor, notificationId: string): Promise<void> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE "ticket"."notifications" SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [notificationId, actor.id, currentTime()],
    );
    if (!rows.length) throw DomainError.notFound('Notification', notificationId);
  }
}

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    ticketId: row.ticket_id,
    ticketNumber: row.number,
    ticketSubject: row.subject,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
