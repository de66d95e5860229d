import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateCustomFieldDto,
  CustomFieldOptionDto,
  CustomFieldType,
  CustomFieldValues,
  CustomFieldView,
  ErrorCode,
  FieldError,
  isStaff,
  Role,
  UpdateCustomFieldDto,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { adminOnly, isUniqueViolation, unprocessable } from '../directory/directory-errors';
import {
  applyInput,
  CustomFieldDefinition,
  missingRequired,
  optionsError,
  validateInput,
  valueChanges,
  visibleValues,
} from './custom-field-values';

interface FieldRow {
  id: string;
  key: string;
  type: CustomFieldType;
  title: string;
  description: string | null;
  options: CustomFieldOptionDto[];
  required_on_create: boolean;
  required_on_solve: boolean;
  visible_to_customers: boolean;
  editable_by_customers: boolean;
  position: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

function toView(row: FieldRow): CustomFieldView {
  return {
    id: row.id,
    key: row.key,
    type: row.type,
    title: row.title,
    description: row.description,
    options: row.options,
    requiredOnCreate: row.required_on_create,
    requiredOnSolve: row.required_on_solve,
    visibleToCustomers: row.visible_to_customers,
    editableByCustomers: row.editable_by_customers,
    position: row.position,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDefinition(row: FieldRow): CustomFieldDefinition {
  return {
    key: row.key,
    type: row.type,
    options: row.options,
    requiredOnCreate: row.required_on_create,
    requiredOnSolve: row.required_on_solve,
    visibleToCustomers: row.visible_to_customers,
    editableByCustomers: row.editable_by_customers,
    active: row.active,
  };
}

function invalidValues(errors: FieldError[]): DomainError {
  return new DomainError(ErrorCode.UnprocessableEntity, errors.map((e) => e.message).join('; '), { errors });
}

/**
 * Custom ticket fields: admins define them; every ticket write is checked against them here
 * (unknown keys, types, options, required-on-create and required-on-solve), with one error per field.
 */
@Injectable()
export class CustomFieldsService {
  private cache?: { at: number; definitions: CustomFieldDefinition[] };

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  async create(actor: Actor, dto: CreateCustomFieldDto): Promise<CustomFieldView> {
    if (actor.role !== Role.Admin) throw adminOnly('define custom fields');
    const problem = optionsError(dto.type, dto.options);
    if (problem) throw unprocessable(problem, [{ field: 'options', message: problem }]);
    const id = randomUUID();
    await this.uow
      .run(async ({ manager }) => {
        const [{ next }] = await sqlRows<{ next: number }>(
          manager,
          `SELECT coalesce(max(position), 0) + 10 AS next FROM "ticket"."custom_fields"`,
        );
        await manager.query(
          `INSERT INTO "ticket"."custom_fields" (id, key, type, title, description, options, required_on_create, required_on_solve,
                                                  visible_to_customers, editable_by_customers, position, active)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)`,
          [
            id,
            dto.key,
            dto.type,
            dto.title.trim(),
            dto.description ?? null,
            JSON.stringify(dto.options ?? []),
            dto.requiredOnCreate ?? false,
            dto.requiredOnSolve ?? false,
            (dto.visibleToCustomers ?? false) || (dto.editableByCustomers ?? false),
            dto.editableByCustomers ?? false,
            dto.position ?? next,
            dto.active ?? true,
          ],
        );
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new DomainError(ErrorCode.Conflict, `A custom field with key ${dto.key} already exists`);
        throw error;
      });
    this.cache = undefined;
    return this.get(actor, id);
  }

  /** Staff read every field; customers only the active fields shown to them. */
  async list(actor: Actor, includeInactive = false): Promise<CustomFieldView[]> {
    const rows = await sqlRows<FieldRow>(this.dataSource, `SELECT * FROM "ticket"."custom_fields" ORDER BY position, key`);
    return rows.filter((row) => this.mayRead(actor, row) && (row.active || (includeInactive && isStaff(actor)))).map(toView);
  }

  async get(actor: Actor, id: string): Promise<CustomFieldView> {
    const [row] = await sqlRows<FieldRow>(this.dataSource, `SELECT * FROM "ticket"."custom_fields" WHERE id = $1`, [id]);
    if (!row || !this.mayRead(actor, row)) throw DomainError.notFound('Custom field', id);
    return toView(row);
  }

  async update(actor: Actor, id: string, changes: UpdateCustomFieldDto): Promise<CustomFieldView> {
    if (actor.role !== Role.Admin) throw adminOnly('change custom fields');
    await this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<FieldRow>(manager, `SELECT * FROM "ticket"."custom_fields" WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Custom field', id);
      if (changes.options !== undefined) {
        const problem = optionsError(row.type, changes.options);
        if (problem) throw unprocessable(problem, [{ field: 'options', message: problem }]);
      }
      const editable = changes.editableByCustomers ?? row.editable_by_customers;
      await manager.query(
        `UPDATE "ticket"."custom_fields" SET title = $2, description = $3, options = $4::jsonb, required_on_create = $5, required_on_solve = $6,
                visible_to_customers = $7, editable_by_customers = $8, position = $9, active = $10, updated_at = now()
          WHERE id = $1`,
        [
          id,
          changes.title?.trim() ?? row.title,
          changes.description === undefined ? row.description : changes.description,
          JSON.stringify(changes.options ?? row.options),
          changes.requiredOnCreate ?? row.required_on_create,
          changes.requiredOnSolve ?? row.required_on_solve,
          (changes.visibleToCustomers ?? row.visible_to_customers) || editable,
          editable,
          changes.position ?? row.position,
          changes.active ?? row.active,
        ],
      );
    });
    this.cache = undefined;
    return this.get(actor, id);
  }

  /**
   * Retires a field: it takes no more values and disappears from tickets, while the values
   * already stored (and the history that mentions them) are kept. Reactivate it with PATCH.
   */
  async deactivate(actor: Actor, id: string): Promise<void> {
    if (actor.role !== Role.Admin) throw adminOnly('delete custom fields');
    const updated = await sqlRows(
      this.dataSource,
      `UPDATE "ticket"."custom_fields" SET active = false, updated_at = now() WHERE id = $1 RETURNING id`,
      [id],
    );
    if (!updated.length) throw DomainError.notFound('Custom field', id);
    this.cache = undefined;
  }

  /** The values of a new ticket, or a 422 listing each bad or missing field. */
  async valuesForNewTicket(
    manager: EntityManager,
    actor: Actor,
    input: Record<string, unknown> | undefined,
    enforceRequired = true,
  ): Promise<CustomFieldValues> {
    const definitions = await this.definitions(manager);
    const by = { customer: !isStaff(actor) };
    const { values, errors } = validateInput(definitions, input, by);
    const created = applyInput({}, values);
    const missing = enforceRequired ? missingRequired(definitions, created, 'create', by) : [];
    const all = [...errors, ...missing.filter((m) => !errors.some((e) => e.field === m.field))];
    if (all.length) throw invalidValues(all);
    return created;
  }

  /**
   * The values after an update, and their changes for the history; a 422 for bad values, and for
   * required-on-solve fields left empty when the ticket is (or becomes) solved.
   */
  async valuesForUpdate(
    manager: EntityManager,
    actor: Actor,
    current: CustomFieldValues,
    input: Record<string, unknown> | undefined,
    solving: boolean,
  ): Promise<{ values: CustomFieldValues; changes: { field: string; from: unknown; to: unknown }[] }> {
    const definitions = await this.definitions(manager);
    const by = { customer: !isStaff(actor) };
    const { values: requested, errors } = validateInput(definitions, input, by);
    if (errors.length) throw invalidValues(errors);
    const values = applyInput(current, requested);
    if (solving) {
      const missing = missingRequired(definitions, values, 'solve', by);
      if (missing.length) throw invalidValues(missing);
    }
    return { values, changes: valueChanges(current, values) };
  }

  /** What the reader may see of a ticket's values. */
  async visibleTo(manager: EntityManager, actor: Actor, values: CustomFieldValues): Promise<CustomFieldValues> {
    return visibleValues(await this.definitions(manager), values, { customer: !isStaff(actor) });
  }

  /** Whether a key names an active field (routing rules and macros refer to fields by key). */
  async unknownKeys(manager: EntityManager, keys: string[]): Promise<string[]> {
    const definitions = await this.definitions(manager);
    return keys.filter((key) => !definitions.some((d) => d.key === key && d.active));
  }

  /** The definitions, read at most every CUSTOM_FIELDS_CACHE_MS (a change made here applies at once). */
  async definitions(manager: EntityManager): Promise<CustomFieldDefinition[]> {
    const now = Date.now();
    if (this.cache && now - this.cache.at < this.config.customFieldsCacheMs) return this.cache.definitions;
    const rows = await sqlRows<FieldRow>(manager, `SELECT * FROM "ticket"."custom_fields" ORDER BY position, key`);
    const definitions = rows.map(toDefinition);
    this.cache = { at: now, definitions };
    return definitions;
  }

  private mayRead(actor: Actor, row: FieldRow): boolean {
    return isStaff(actor) || (row.active && (row.visible_to_customers || row.editable_by_customers));
  }
}
