import { Locale, Role, Tier } from '@helpdesk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person in the directory: staff (admin, supervisor, agent) or a customer/requester. */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored lower-case; unique */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 5, default: Locale.Es })
  locale: Locale;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  /** Staff: support tier 1, 2 or 3 */
  @Column({ type: 'smallint', nullable: true })
  tier: Tier | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  /** Staff: the most open tickets they take */
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
