import { randomUUID } from 'node:crypto';
import {
  Actor,
  CreateSlaPolicyDto,
  ErrorCode,
  SLA_PAUSE_STATUSES,
  SlaConditionsDto,
  SlaPolicyVersionView,
  SlaPolicyView,
  UpdateSlaPolicyDto,
} from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertAdmin, assertStaff, canonicalJson, plain, unprocessable } from '../common/sla-errors';
import { orderPolicies } from './policy-matching';
import { DEFAULT_WARNING_PERCENT, SlaPolicyDefinition, validatePolicyDefinition } from './policy-validation';

interface PolicyRow {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: SlaConditionsDto;
  current_version: number;
  revision: number;
  created_at: Date;
  updated_at: Date;
  definition: SlaPolicyDefinition;
}

interface VersionRow {
  policy_id: string;
  version: number;
  definition: SlaPolicyDefinition;
  created_at: Date;
}

function toView(row: PolicyRow): SlaPolicyView {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    conditions: row.conditions,
    version: row.current_version,
    revision: row.revision,
    ...definitionView(row.definition),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function definitionView(definition: SlaPolicyDefinition): Required<SlaPolicyDefinition> {
  return {
    calendarId: definition.calendarId,
    targets: definition.targets,
    warningPercent: definition.warningPercent,
    pauseResolutionOn: definition.pauseResolutionOn,
    escalation: definition.escalation,
    noticesInBusinessHours: definition.noticesInBusinessHours ?? false,
  };
}

function toVersionView(row: VersionRow): SlaPolicyVersionView {
  return { policyId: row.policy_id, version: row.version, ...definitionView(row.definition), createdAt: row.created_at.toISOString() };
}

const SELECT_POLICY = `SELECT p.*, v.definition FROM "sla"."policies" p
  JOIN "sla"."policy_versions" v ON v.policy_id = p.id AND v.version = p.current_version
 WHERE p.deleted_at IS NULL`;

/** The versioned part of a new policy, defaults filled in. */
export function newPolicyDefinition(dto: CreateSlaPolicyDto): SlaPolicyDefinition {
  return plain({
    calendarId: dto.calendarId ?? null,
    targets: dto.targets,
    warningPercent: dto.warningPercent ?? DEFAULT_WARNING_PERCENT,
    pauseResolutionOn: dto.pauseResolutionOn ?? [...SLA_PAUSE_STATUSES],
    escalation: dto.escalation ?? { levels: [] },
    noticesInBusinessHours: dto.noticesInBusinessHours ?? false,
  });
}

/** A 400 with one error per field when the definition cannot be used. */
function assertValid(definition: SlaPolicyDefinition): void {
  const errors = validatePolicyDefinition(definition);
  if (errors.length) throw DomainError.validation(errors);
}

/**
 * SLA policies: ordered, the first active match wins. The versioned part (targets, calendar,
 * warning, pauses, escalation) is an immutable row per version; a change to it makes a new
 * version that new tickets get, while tickets already started keep theirs. Name, order, active
 * and conditions decide which policy a new ticket gets and are not versioned.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async create(actor: Actor, dto: CreateSlaPolicyDto): Promise<SlaPolicyView> {
    assertAdmin(actor, 'create SLA policies');
    const definition = newPolicyDefinition(dto);
    assertValid(definition);
    const id = randomUUID();
    await this.uow.run(async ({ manager }) => {
      await this.assertCalendarExists(manager, definition.calendarId);
      const [{ next }] = await sqlRows<{ next: number }>(
        manager,
        `SELECT coalesce(max(position), 0) + 10 AS next FROM "sla"."policies" WHERE deleted_at IS NULL`,
      );
      await manager.query(
        `INSERT INTO "sla"."policies" (id, name, position, active, conditions, current_version) VALUES ($1, $2, $3, $4, $5::jsonb, 1)`,
        [id, dto.name.trim(), dto.position ?? next, dto.active ?? true, JSON.stringify(plain(dto.conditions ?? {}))],
      );
      await this.insertVersion(manager, id, 1, definition);
    });
    return this.get(actor, id);
  }

  /** The policies in the order they are tried. */
  async list(actor: Actor): Promise<SlaPolicyView[]> {
    assertStaff(actor, 'read SLA policies');
    const rows = await sqlRows<PolicyRow>(this.dataSource, SELECT_POLICY);
    return orderPolicies(rows.map(toView));
  }

  async get(actor: Actor, id: string): Promise<SlaPolicyView> {
    assertStaff(actor, 'read SLA policies');
    const [row] = await sqlRows<PolicyRow>(this.dataSource, `${SELECT_POLICY} AND p.id = $1`, [id]);
    if (!row) throw DomainError.notFound('SLA policy', id);
    return toView(row);
  }

  /** Every version of a policy, oldest first. */
  async versions(actor: Actor, id: string): Promise<SlaPolicyVersionView[]> {
    assertStaff(actor, 'read SLA policies');
    await this.get(actor, id);
    const rows = await sqlRows<VersionRow>(this.dataSource, `SELECT * FROM "sla"."policy_versions" WHERE policy_id = $1 ORDER BY version`, [
      id,
    ]);
    return rows.map(toVersionView);
  }

  async update(actor: Actor, id: string, changes: UpdateSlaPolicyDto, expectedRevision?: number): Promise<SlaPolicyView> {
    assertAdmin(actor, 'change SLA policies');
    await this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<PolicyRow>(manager, `${SELECT_POLICY} AND p.id = $1 FOR UPDATE OF p`, [id]);
      if (!row) throw DomainError.notFound('SLA policy', id);
      if (expectedRevision !== undefined && row.revision !== expectedRevision)
        throw new DomainError(ErrorCode.PreconditionFailed, `The SLA policy is at revision ${row.revision}, not ${expectedRevision}`, {
          currentRevision: row.revision,
        });
      const current = row.definition;
      const definition: SlaPolicyDefinition = plain({
        calendarId: changes.calendarId === undefined ? current.calendarId : changes.calendarId,
        targets: changes.targets ?? current.targets,
        warningPercent: changes.warningPercent ?? current.warningPercent,
        pauseResolutionOn: changes.pauseResolutionOn ?? current.pauseResolutionOn,
        escalation: changes.escalation ?? current.escalation,
        noticesInBusinessHours: changes.noticesInBusinessHours ?? current.noticesInBusinessHours ?? false,
      });
      assertValid(definition);
      let version = row.current_version;
      if (canonicalJson(definition) !== canonicalJson(definitionView(current))) {
        await this.assertCalendarExists(manager, definition.calendarId);
        version += 1;
        await this.insertVersion(manager, id, version, definition);
      }
      await manager.query(
        `UPDATE "sla"."policies" SET name = $2, position = $3, active = $4, conditions = $5::jsonb, current_version = $6, revision = revision + 1, updated_at = now()
          WHERE id = $1`,
        [
          id,
          changes.name?.trim() ?? row.name,
          changes.position ?? row.position,
          changes.active ?? row.active,
          JSON.stringify(changes.conditions ? plain(changes.conditions) : row.conditions),
          version,
        ],
      );
    });
    return this.get(actor, id);
  }

  /**
   * Removes a policy from matching: new tickets no longer get it. Its versions stay, for the
   * tickets that started under them.
   */
  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor, 'delete SLA policies');
    const deleted = await sqlRows(
      this.dataSource,
      `UPDATE "sla"."policies" SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id],
    );
    if (!deleted.length) throw DomainError.notFound('SLA policy', id);
  }

  private async insertVersion(manager: EntityManager, id: string, version: number, definition: SlaPolicyDefinition): Promise<void> {
    await manager.query(
      `INSERT INTO "sla"."policy_versions" (policy_id, version, calendar_id, definition) VALUES ($1, $2, $3, $4::jsonb)`,
      [id, version, definition.calendarId, JSON.stringify(definition)],
    );
  }

  /** The calendar must exist; it is share-locked so that it cannot be deleted before this commits. */
  private async assertCalendarExists(manager: EntityManager, calendarId: string | null): Promise<void> {
    if (!calendarId) return;
    const found = await sqlRows(manager, `SELECT id FROM "sla"."calendars" WHERE id = $1 FOR SHARE`, [calendarId]);
    if (!found.length)
      throw unprocessable(`Calendar ${calendarId} was not found`, [{ field: 'calendarId', message: `no calendar ${calendarId}` }]);
  }
}
