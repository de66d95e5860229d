import { Actor, CommentView, ErrorCode, SUBJECTS, TicketView, UserView } from '@helpdesk/contracts';
import { BusClient, DomainError } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { unprocessable } from './kb-errors';

/**
 * ticket-service as the knowledge base asks it, always with the caller's actor: a caller reaches
 * only the tickets, comments and people they may see. Call it before opening a transaction, never
 * inside one (in standalone mode ticket-service shares the one embedded-database connection).
 */
@Injectable()
export class TicketsClient {
  constructor(private readonly bus: BusClient) {}

  /** The ticket (uuid or number); 404 when the caller may not see it. */
  get(actor: Actor, ticketRef: string): Promise<TicketView> {
    return this.bus.request<TicketView>(SUBJECTS.ticket.get, { actor, ticketId: ticketRef });
  }

  /** The ticket a request field names; 422 on that field when the caller may not see it. */
  async referenced(actor: Actor, ticketRef: string, field: string): Promise<TicketView> {
    try {
      return await this.get(actor, ticketRef);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) {
        throw unprocessable(`Ticket ${ticketRef} was not found`, [{ field, message: `no ticket ${ticketRef}` }]);
      }
      throw error;
    }
  }

  /** Comments oldest first (internal notes included for staff). */
  comments(actor: Actor, ticketId: string): Promise<CommentView[]> {
    return this.bus.request<CommentView[]>(SUBJECTS.ticket.commentList, { actor, ticketId });
  }

  /** People by id, those the caller may not see (or that are gone) left out. */
  async users(actor: Actor, ids: readonly string[]): Promise<Map<string, UserView>> {
    const found = await Promise.all(
      [...new Set(ids)].map((id) =>
        this.bus.request<UserView>(SUBJECTS.directory.userGet, { actor, id }).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
          throw error;
        }),
      ),
    );
    return new Map(found.filter((u): u is UserView => u !== null).map((u) => [u.id, u]));
  }
}
