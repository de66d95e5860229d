import { TicketFiltersDto, TicketSort } from '@helpdesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A saved view: personal (ownerId) or shared with a team (teamId), never both. */
@Entity({ name: 'views' })
export class SavedView {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  /** The list query's filters (validated with the same rules), q included */
  @Column({ type: 'jsonb' })
  filters: TicketFiltersDto;

  @Column({ type: 'varchar', length: 20 })
  sort: TicketSort;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
