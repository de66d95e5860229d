import { randomUUID } from 'node:crypto';
import { Actor, CreateKbCategoryDto, KB_LOCALE_PATTERN, KbCategoryView, UpdateKbCategoryDto } from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canPublish } from '../access/article-access';
import { conflict, forbidden, invalid, stale, unprocessable } from '../common/kb-errors';

interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  names: Record<string, string>;
  description: string;
  position: number;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

function toView(row: CategoryRow, sections: KbCategoryView[] = []): KbCategoryView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    names: row.names,
    description: row.description,
    position: row.position,
    revision: row.revision,
    sections,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Names per locale: short strings keyed by locale code. */
function checkNames(names: Record<string, string> | undefined): Record<string, string> {
  if (!names) return {};
  for (const [locale, name] of Object.entries(names)) {
    if (!KB_LOCALE_PATTERN.test(locale)) throw invalid('names', `"${locale}" is not a locale code`);
    if (typeof name !== 'string' || !name.trim() || name.length > 200) throw invalid(`names.${locale}`, 'a name is 1 to 200 characters');
  }
  return Object.fromEntries(Object.entries(names).map(([locale, name]) => [locale, name.trim()]));
}

/**
 * The knowledge base's two-level tree: categories, and sections inside them. Everyone may read
 * the tree (the public portal shows it); supervisors and admins change it.
 */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async create(actor: Actor | null, dto: CreateKbCategoryDto): Promise<KbCategoryView> {
    if (!canPublish(actor)) throw forbidden('Only supervisors and admins organize the knowledge base');
    const names = checkNames(dto.names);
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      if (dto.parentId) {
        const [parent] = await sqlRows<CategoryRow>(manager, `SELECT * FROM "kb"."categories" WHERE id = $1 FOR SHARE`, [dto.parentId]);
        if (!parent)
          throw unprocessable(`Category ${dto.parentId} was not found`, [{ field: 'parentId', message: `no category ${dto.parentId}` }]);
        if (parent.parent_id)
          throw unprocessable('Sections cannot hold sections', [{ field: 'parentId', message: 'the parent is a section' }]);
      }
      const [{ next }] = await sqlRows<{ next: number }>(
        manager,
        `SELECT coalesce(max(position), 0) + 10 AS next FROM "kb"."categories" WHERE parent_id IS NOT DISTINCT FROM $1`,
        [dto.parentId ?? null],
      );
      await manager.query(
        `INSERT INTO "kb"."categories" (id, parent_id, name, names, description, position) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
        [id, dto.parentId ?? null, dto.name.trim(), JSON.stringify(names), dto.description ?? '', dto.position ?? next],
      );
    });
    return this.get(id);
  }

  /** The whole tree: categories in order, each with its sections in order. */
  async list(): Promise<KbCategoryView[]> {
    const rows = await sqlRows<CategoryRow>(this.dataSource, `SELECT * FROM "kb"."categories" ORDER BY position, name, id`);
    return rows
      .filter((row) => !row.parent_id)
      .map((row) =>
        toView(
          row,
          rows.filter((s) => s.parent_id === row.id).map((s) => toView(s)),
        ),
      );
  }

  async get(id: string): Promise<KbCategoryView> {
    const rows = await sqlRows<CategoryRow>(
      this.dataSource,
      `SELECT * FROM "kb"."categories" WHERE id = $1 OR parent_id = $1 ORDER BY position, name, id`,
      [id],
    );
    const row = rows.find((r) => r.id === id);
    if (!row) throw DomainError.notFound('Category', id);
    return toView(
      row,
      rows.filter((r) => r.parent_id === id).map((s) => toView(s)),
    );
  }

  async update(actor: Actor | null, id: string, changes: UpdateKbCategoryDto, expectedRevision?: number): Promise<KbCategoryView> {
    if (!canPublish(actor)) throw forbidden('Only supervisors and admins organize the knowledge base');
    await this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<CategoryRow>(manager, `SELECT * FROM "kb"."categories" WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Category', id);
      if (expectedRevision !== undefined && row.revision !== expectedRevision) throw stale('category', row.revision, expectedRevision);
      await manager.query(
        `UPDATE "kb"."categories" SET name = $2, names = $3::jsonb, description = $4, position = $5, revision = revision + 1, updated_at = now()
          WHERE id = $1`,
        [
          id,
          changes.name?.trim() ?? row.name,
          JSON.stringify(changes.names ? checkNames(changes.names) : row.names),
          changes.description ?? row.description,
          changes.position ?? row.position,
        ],
      );
    });
    return this.get(id);
  }

  /** Only an empty category goes: no sections and no articles (archived ones included) in it. */
  async delete(actor: Actor | null, id: string): Promise<void> {
    if (!canPublish(actor)) throw forbidden('Only supervisors and admins organize the knowledge base');
    await this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<CategoryRow>(manager, `SELECT * FROM "kb"."categories" WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Category', id);
      const [{ sections, articles }] = await sqlRows<{ sections: number; articles: number }>(
        manager,
        `SELECT (SELECT count(*)::int FROM "kb"."categories" WHERE parent_id = $1) AS sections,
                (SELECT count(*)::int FROM "kb"."articles" WHERE category_id = $1 AND deleted_at IS NULL) AS articles`,
        [id],
      );
      if (sections || articles)
        throw conflict(`The category still holds ${sections} sections and ${articles} articles`, { sections, articles });
      // Deleted articles keep their rows (and revisions) but let go of the category.
      await manager.query(`UPDATE "kb"."articles" SET category_id = NULL WHERE category_id = $1 AND deleted_at IS NOT NULL`, [id]);
      await manager.query(`DELETE FROM "kb"."categories" WHERE id = $1`, [id]);
    });
  }
}
