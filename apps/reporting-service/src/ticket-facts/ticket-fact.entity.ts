import { Channel, TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per ticket, built only from ticket events (never from ticket-service's tables). */
@Entity({ name: 'ticket_facts' })
export class TicketFact {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Column({ type: 'varchar', length: 30 })
  number: string;

  @Column({ type: 'varchar', length: 20 })
  status: TicketStatus;

  @Column({ type: 'varchar', length: 20 })
  priority: TicketPriority;

  @Column({ type: 'varchar', length: 20 })
  channel: Channel;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
