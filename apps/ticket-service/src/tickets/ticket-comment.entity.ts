import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../directory/user.entity';

/** A public reply (the requester sees it) or an internal note (staff only). */
@Entity({ name: 'ticket_comments' })
export class TicketComment {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ type: 'text' })
  body: string;

  /** An email's sanitized HTML (the text is in `body`) */
  @Column({ name: 'body_html', type: 'text', nullable: true })
  bodyHtml: string | null;

  @Column({ type: 'boolean' })
  public: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
