import { randomUUID } from 'node:crypto';
import { Actor, ChannelType, ChannelView, CreateChannelDto, ErrorCode, Role, UpdateChannelDto } from '@helpdesk/contracts';
import { DomainError, sqlRows, TtlCache } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CHANNEL_GATEWAY_CONFIG, ChannelGatewayConfig } from '../config/channel-gateway.config';
import { splitSecret, validateChannelSettings, webhookPath } from './channel-settings';

interface ChannelRow {
  id: string;
  type: ChannelType;
  name: string;
  settings: Record<string, unknown>;
  has_secret: boolean;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** What the webhooks need of a channel: its type, whether it takes messages, and its secret. */
export interface ChannelCredentials {
  id: string;
  type: ChannelType;
  active: boolean;
  secret: string | null;
}

/** The columns of a view: never the secret itself. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VIEW_COLUMNS = `id, type, name, settings, secret IS NOT NULL AS has_secret, active, created_at, updated_at`;

function toView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    settings: row.settings,
    hasSecret: row.has_secret,
    active: row.active,
    webhookPath: webhookPath(row.type, row.id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function assertAdmin(actor: Actor, what: string): void {
  if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, `Only admins ${what}`);
}

function assertValid(type: ChannelType, settings: Record<string, unknown>, storedSecret: boolean): void {
  const errors = validateChannelSettings(type, settings, storedSecret);
  if (errors.length) throw DomainError.validation(errors);
}

/**
 * Channels as configuration: admins create, read, change and delete them. The secret (password,
 * auth token or signing secret) is kept in its own column and only read by the webhooks.
 */
@Injectable()
export class ChannelsService {
  /** Webhooks read a channel's credentials on every call: kept CHANNEL_CACHE_TTL_MS, dropped here at once when changed. */
  private readonly credentialCache: TtlCache<string, ChannelCredentials | null>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHANNEL_GATEWAY_CONFIG) config: ChannelGatewayConfig,
  ) {
    this.credentialCache = new TtlCache(config.channelCacheTtlMs, 1_000);
  }

  async create(actor: Actor, dto: CreateChannelDto): Promise<ChannelView> {
    assertAdmin(actor, 'configure channels');
    assertValid(dto.type, dto.settings, false);
    const { visible, secret } = splitSecret(dto.type, dto.settings);
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO "channel"."channels" (id, type, name, settings, secret, active) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [id, dto.type, dto.name.trim(), JSON.stringify(visible), secret ?? null, dto.active ?? true],
    );
    this.credentialCache.delete(id);
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<ChannelView[]> {
    assertAdmin(actor, 'read channels');
    const rows = await sqlRows<ChannelRow>(this.dataSource, `SELECT ${VIEW_COLUMNS} FROM "channel"."channels" ORDER BY lower(name), id`);
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<ChannelView> {
    assertAdmin(actor, 'read channels');
    return toView(await this.row(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, changes: UpdateChannelDto): Promise<ChannelView> {
    assertAdmin(actor, 'configure channels');
    await this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, id, true);
      const merged = { ...row.settings, ...(changes.settings ?? {}) };
      assertValid(row.type, merged, row.has_secret);
      const { visible, secret } = splitSecret(row.type, merged);
      await manager.query(
        `UPDATE "channel"."channels"
            SET name = $2, settings = $3::jsonb, secret = COALESCE($4, secret), active = $5, updated_at = now()
          WHERE id = $1`,
        [id, changes.name?.trim() ?? row.name, JSON.stringify(visible), secret ?? null, changes.active ?? row.active],
      );
    });
    this.credentialCache.delete(id.toLowerCase());
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor, 'configure channels');
    const deleted = await sqlRows<{ id: string }>(this.dataSource, `DELETE FROM "channel"."channels" WHERE id = $1 RETURNING id`, [id]);
    if (UUID.test(id)) this.credentialCache.delete(id.toLowerCase());
    if (!deleted.length) throw DomainError.notFound('Channel', id);
  }

  /** The channel a webhook names, with its secret; null when there is none (or the id is not a uuid). */
  async credentials(id: string): Promise<ChannelCredentials | null> {
    if (!UUID.test(id)) return null;
    const key = id.toLowerCase();
    const cached = this.credentialCache.get(key);
    if (cached !== undefined) return cached;
    const [row] = await sqlRows<ChannelCredentials>(
      this.dataSource,
      `SELECT id, type, active, secret FROM "channel"."channels" WHERE id = $1`,
      [id],
    );
    this.credentialCache.set(key, row ?? null);
    return row ?? null;
  }

  /**
   * The active form channel a submission is for: the one named (404 when it is not an active form
   * channel), or, unnamed, the only active one (404 when there is none, 400 when several need a name).
   */
  async formChannel(id: string | undefined): Promise<{ id: string; settings: Record<string, unknown> }> {
    if (id !== undefined && !UUID.test(id))
      throw new DomainError(ErrorCode.NotFound, `No active form channel ${id}`, { resource: 'Channel', id });
    const rows = await sqlRows<{ id: string; settings: Record<string, unknown> }>(
      this.dataSource,
      `SELECT id, settings FROM "channel"."channels" WHERE type = 'form' AND active${id ? ' AND id = $1' : ''} ORDER BY created_at, id LIMIT 2`,
      id ? [id] : [],
    );
    if (!rows.length)
      throw new DomainError(ErrorCode.NotFound, id ? `No active form channel ${id}` : 'No active form channel', {
        resource: 'Channel',
        id,
      });
    if (rows.length > 1) {
      throw DomainError.validation([
        { field: 'channelId', message: 'name the form channel (several are active): /webhooks/form/:channelId' },
      ]);
    }
    return rows[0];
  }

  /** Whether a web page at `origin` may post to the form channel (named, or any active one when unnamed). */
  async formOriginAllowed(id: string | undefined, origin: string): Promise<boolean> {
    if (id !== undefined && !UUID.test(id)) return false;
    const rows = await sqlRows<{ settings: Record<string, unknown> }>(
      this.dataSource,
      `SELECT settings FROM "channel"."channels" WHERE type = 'form' AND active${id ? ' AND id = $1' : ''}`,
      id ? [id] : [],
    );
    return rows.some((row) => Array.isArray(row.settings.allowedOrigins) && row.settings.allowedOrigins.includes(origin));
  }

  private async row(manager: EntityManager, id: string, lock = false): Promise<ChannelRow> {
    const [row] = await sqlRows<ChannelRow>(
      manager,
      `SELECT ${VIEW_COLUMNS} FROM "channel"."channels" WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw DomainError.notFound('Channel', id);
    return row;
  }
}
