import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../directory/user.entity';
import { FieldChange } from './ticket-changes';

export type HistoryAction =
  | 'created'
  | 'updated'
  | 'comment_added'
  | 'routed'
  | 'escalated'
  | 'de-escalated'
  | 'rated'
  | 'merged'
  | 'sla_warning'
  | 'sla_breached'
  | 'sla_escalated';

/** One change to a ticket: who, what, before/after, when. */
@Entity({ name: 'ticket_history' })
export class TicketHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'actor_id' })
  actor?: User | null;

  @Column({ type: 'varchar', length: 40 })
  action: HistoryAction;

  @Column({ type: 'jsonb' })
  changes: FieldChange[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
