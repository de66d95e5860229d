import { CallerLookupCommand, CallerLookupView, SUBJECTS } from '@helpdesk/contracts';
import { sqlRows } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { phoneDigits } from './channel-messages';

/**
 * `ticket.caller.lookup`: who a phone number is (the active user whose phone has the same digits,
 * customers first, then the oldest, as channel intake matches callers) and their tickets that are
 * not solved or closed, latest change first: what a PBX shows an agent when a call rings.
 */
@Controller()
export class CallerLookupHandler {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern(SUBJECTS.ticket.callerLookup)
  async lookup(@Payload() { number }: CallerLookupCommand): Promise<CallerLookupView> {
    const digits = phoneDigits(number);
    if (!digits) return { requester: null, openTickets: [] };
    const [user] = await sqlRows<{ id: string; name: string; email: string; phone: string | null }>(
      this.dataSource,
      `SELECT id, name, email, phone FROM "ticket"."users"
        WHERE active AND phone IS NOT NULL AND regexp_replace(phone, '\\D', '', 'g') = $1
        ORDER BY (role = 'customer') DESC, created_at, id LIMIT 1`,
      [digits],
    );
    if (!user) return { requester: null, openTickets: [] };
    const tickets = await sqlRows<{ id: string; number: string; subject: string; status: string; updated_at: Date }>(
      this.dataSource,
      `SELECT id, number, subject, status, updated_at FROM "ticket"."tickets"
        WHERE requester_id = $1 AND status NOT IN ('solved', 'closed')
        ORDER BY updated_at DESC, id LIMIT 20`,
      [user.id],
    );
    return {
      requester: { id: user.id, name: user.name, email: user.email, phone: user.phone },
      openTickets: tickets.map((t) => ({
        id: t.id,
        number: t.number,
        subject: t.subject,
        status: t.status,
        updatedAt: new Date(t.updated_at).toISOString(),
      })),
    };
  }
}
