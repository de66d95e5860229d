import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateOrganizationDto,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  isStaff,
  ListOrganizationsQuery,
  OrganizationView,
  Page,
  Role,
  UpdateOrganizationDto,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor, invalidCursor } from '../tickets/ticket-cursor';
import { adminOnly, isUniqueViolation, staffOnly } from './directory-errors';
import { candidateDomains } from './email-domain';

interface OrganizationRow {
  id: string;
  name: string;
  shared_tickets: boolean;
  domains: string[] | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_ORGANIZATION = `
  SELECT o.id, o.name, o.shared_tickets, o.created_at, o.updated_at,
         (SELECT coalesce(array_agg(d.domain ORDER BY d.domain), '{}') FROM "ticket"."organization_domains" d WHERE d.organization_id = o.id) AS domains
    FROM "ticket"."organizations" o`;

function toView(row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains ?? [],
    sharedTickets: row.shared_tickets,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async create(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationView> {
    if (actor.role !== Role.Admin) throw adminOnly('create organizations');
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      await this.insertOrConflict(
        manager,
        `INSERT INTO "ticket"."organizations" (id, name, shared_tickets) VALUES ($1, $2, $3)`,
        [id, dto.name.trim(), dto.sharedTickets ?? false],
        `An organization named ${dto.name} already exists`,
      );
      await this.replaceDomains(manager, id, dto.domains ?? []);
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<OrganizationView> {
    if (!isStaff(actor)) throw staffOnly('read organizations');
    const [row] = await sqlRows<OrganizationRow>(this.dataSource, `${SELECT_ORGANIZATION} WHERE o.id = $1`, [id]);
    if (!row) throw DomainError.notFound('Organization', id);
    return toView(row);
  }

  /** Organizations by name, paged by a keyset cursor on the lower-cased name. */
  async list(actor: Actor, query: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    if (!isStaff(actor)) throw staffOnly('list organizations');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (query.q) {
      params.push(`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`lower(o.name) LIKE $${params.length}`);
    }
    if (query.cursor) {
      const after = decodeKeyCursor(query.cursor);
      if (after === null) throw invalidCursor();
      params.push(after);
      where.push(`lower(o.name) > $${params.length}`);
    }
    const rows = await sqlRows<OrganizationRow>(
      this.dataSource,
      `${SELECT_ORGANIZATION} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(o.name) LIMIT $1`,
      params,
    );
    const page = rows.slice(0, limit);
    return { data: page.map(toView), nextCursor: rows.length > limit ? encodeKeyCursor(page[page.length - 1].name.toLowerCase()) : null };
  }

  async update(actor: Actor, id: string, changes: UpdateOrganizationDto): Promise<OrganizationView> {
    if (actor.role !== Role.Admin) throw adminOnly('change organizations');
    await this.uow.run(async ({ manager }) => {
      const [current] = await sqlRows<{ id: string }>(manager, `SELECT id FROM "ticket"."organizations" WHERE id = $1 FOR UPDATE`, [id]);
      if (!current) throw DomainError.notFound('Organization', id);
      if (changes.name !== undefined || changes.sharedTickets !== undefined) {
        await this.insertOrConflict(
          manager,
          `UPDATE "ticket"."organizations" SET name = coalesce($2, name), shared_tickets = coalesce($3, shared_tickets), updated_at = now() WHERE id = $1`,
          [id, changes.name?.trim() ?? null, changes.sharedTickets ?? null],
          `An organization named ${changes.name} already exists`,
        );
      }
      if (changes.domains !== undefined) {
        await this.replaceDomains(manager, id, changes.domains);
        await manager.query(`UPDATE "ticket"."organizations" SET updated_at = now() WHERE id = $1`, [id]);
      }
    });
    return this.get(actor, id);
  }

  /** Removes the organization; its members and tickets keep existing without one. */
  async delete(actor: Actor, id: string): Promise<void> {
    if (actor.role !== Role.Admin) throw adminOnly('delete organizations');
    const deleted = await sqlRows<{ id: string }>(this.dataSource, `DELETE FROM "ticket"."organizations" WHERE id = $1 RETURNING id`, [id]);
    if (!deleted.length) throw DomainError.notFound('Organization', id);
  }

  /** The organization an email's domain belongs to (the most specific registered domain wins). */
  async idForEmail(manager: EntityManager, email: string): Promise<string | null> {
    const candidates = candidateDomains(email);
    if (!candidates.length) return null;
    const rows = await sqlRows<{ domain: string; organization_id: string }>(
      manager,
      `SELECT domain, organization_id FROM "ticket"."organization_domains" WHERE domain = ANY($1::text[])`,
      [candidates],
    );
    for (const candidate of candidates) {
      const hit = rows.find((r) => r.domain === candidate);
      if (hit) return hit.organization_id;
    }
    return null;
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await sqlRows(manager, `SELECT 1 FROM "ticket"."organizations" WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  private async replaceDomains(manager: EntityManager, id: string, domains: string[]): Promise<void> {
    const unique = [...new Set(domains)];
    await manager.query(`DELETE FROM "ticket"."organization_domains" WHERE organization_id = $1`, [id]);
    if (!unique.length) return;
    const taken = await sqlRows<{ domain: string }>(
      manager,
      `SELECT domain FROM "ticket"."organization_domains" WHERE domain = ANY($1::text[]) AND organization_id <> $2`,
      [unique, id],
    );
    if (taken.length) {
      throw new DomainError(ErrorCode.Conflict, `Domain ${taken[0].domain} already belongs to another organization`, {
        domains: taken.map((t) => t.domain),
      });
    }
    await manager.query(`INSERT INTO "ticket"."organization_domains" (domain, organization_id) SELECT unnest($1::text[]), $2`, [
      unique,
      id,
    ]);
  }

  private async insertOrConflict(manager: EntityManager, sql: string, params: unknown[], conflict: string): Promise<void> {
    try {
      await manager.query(sql, params);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.Conflict, conflict);
      throw error;
    }
  }
}
