import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer company; its email domains live in organization_domains. */
@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'shared_tickets', type: 'boolean', default: false })
  sharedTickets: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
