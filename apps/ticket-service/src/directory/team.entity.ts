import { RoutingStrategy, Tier } from '@helpdesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A group of staff at one tier; its members live in team_members. */
@Entity({ name: 'teams' })
export class Team {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'smallint' })
  tier: Tier;

  @Column({ name: 'supervisor_id', type: 'uuid', nullable: true })
  supervisorId: string | null;

  @Column({ name: 'routing_strategy', type: 'varchar', length: 20 })
  routingStrategy: RoutingStrategy;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
