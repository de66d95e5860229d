import { Channel, CsatRating, CustomFieldValues, TicketPriority, TicketStatus, TicketType, Tier } from '@helpdesk/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../directory/user.entity';

@Entity({ name: 'tickets' })
export class Ticket {
  @PrimaryColumn('uuid')
  id: string;

  /** From the ticket_number_seq sequence; orders lists and pages */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  /** HD-000123, generated from seq by the database */
  @Column({ type: 'varchar', length: 30, insert: false, update: false })
  number: string;

  @Column({ type: 'varchar', length: 250 })
  subject: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 20 })
  status: TicketStatus;

  @Column({ type: 'varchar', length: 20 })
  priority: TicketPriority;

  @Column({ type: 'varchar', length: 20 })
  channel: Channel;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'requester_id' })
  requester?: User;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  /** The requester's organization when the ticket was opened */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  type: TicketType | null;

  @Column({ type: 'smallint' })
  tier: Tier;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'text', array: true })
  tags: string[];

  /** Values of the admin-defined custom fields, by field key */
  @Column({ name: 'custom_fields', type: 'jsonb' })
  customFields: CustomFieldValues;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** The closed ticket this one follows up */
  @Column({ name: 'follow_up_of_id', type: 'uuid', nullable: true })
  followUpOfId: string | null;

  /** Incidents: the problem ticket that causes them */
  @Column({ name: 'problem_id', type: 'uuid', nullable: true })
  problemId: string | null;

  /** People kept informed (a previous assignee after an escalation, CCs) */
  @Column({ name: 'follower_ids', type: 'uuid', array: true })
  followerIds: string[];

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  /** A recent ticket of the same requester that this one seems to repeat */
  @Column({ name: 'possible_duplicate_of_id', type: 'uuid', nullable: true })
  possibleDuplicateOfId: string | null;

  @Column({ name: 'csat_rating', type: 'varchar', length: 4, nullable: true })
  csatRating: CsatRating | null;

  @Column({ name: 'csat_comment', type: 'text', nullable: true })
  csatComment: string | null;

  @Column({ name: 'csat_rated_at', type: 'timestamptz', nullable: true })
  csatRatedAt: Date | null;

  /** The first public reply by staff (Zendesk's first reply): what the first-response SLA measures */
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'solved_at', type: 'timestamptz', nullable: true })
  solvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /**
   * SLA bookkeeping, as sla-service last reported it (sla.ticket-state.changed): the earliest due
   * time of a running clock that has not breached, whether a clock breached, and the report's seq
   * (older reports are ignored). Not part of the ticket's version: see SlaTicketsService.
   */
  @Column({ name: 'sla_next_due_at', type: 'timestamptz', nullable: true, insert: false, update: false })
  slaNextDueAt: Date | null;

  @Column({ name: 'sla_breached', type: 'boolean', insert: false, update: false })
  slaBreached: boolean;

  @Column({ name: 'sla_seq', type: 'integer', insert: false, update: false })
  slaSeq: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
