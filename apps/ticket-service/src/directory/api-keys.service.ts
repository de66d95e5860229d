import { randomUUID } from 'node:crypto';
import {
  Actor,
  API_KEY_MARKER,
  ApiKeyScope,
  ApiKeyView,
  CreateApiKeyDto,
  CreatedApiKeyView,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  ListApiKeysQuery,
  Page,
  parseApiKey,
  Role,
  VerifiedApiKey,
} from '@helpdesk/contracts';
import { currentTime, DomainError, sqlRows } from '@helpdesk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor, invalidCursor } from '../tickets/ticket-cursor';
import { hashApiKey, newApiKey, sameHash } from './api-key-secrets';
import { adminOnly, isUniqueViolation } from './directory-errors';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  secret_hash: Buffer;
  scopes: ApiKeyScope[];
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = `id, name, prefix, secret_hash, scopes, created_by, created_at, last_used_at, expires_at, revoked_at`;

/** lastUsedAt moves at most this often, so a busy key does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Compared against when no key has the prefix, so an unknown prefix costs the same as a wrong secret. */
const NO_SUCH_HASH = Buffer.alloc(32);

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: `${API_KEY_MARKER}${row.prefix}`,
    scopes: row.scopes,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

function invalidKey(reason: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, reason);
}

/** API keys: admins create, list and revoke them; the gateway verifies the ones it is shown. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    if (actor.role !== Role.Admin) throw adminOnly('create API keys');
    const now = currentTime();
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt <= now) {
      throw DomainError.validation([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const id = randomUUID();
    // A 48-bit random prefix collides with an existing one almost never; try again if it does.
    for (let attempt = 1; ; attempt += 1) {
      const key = newApiKey();
      try {
        const [row] = await sqlRows<ApiKeyRow>(
          this.dataSource,
          `INSERT INTO "ticket"."api_keys" (id, name, prefix, secret_hash, scopes, created_by, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING ${COLUMNS}`,
          [id, dto.name, key.prefix, key.hash, [...new Set(dto.scopes)], actor.id, now, expiresAt],
        );
        this.logger.log({ apiKeyId: id, prefix: key.prefix, scopes: row.scopes, by: actor.id }, 'API key created');
        return { ...toView(row), secret: key.secret };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async list(actor: Actor, query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    if (actor.role !== Role.Admin) throw adminOnly('list API keys');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [limit + 1];
    let where = '';
    if (query.cursor) {
      const after = decodeKeyCursor(query.cursor);
      const [createdAt, id] = after?.split('|') ?? [];
      if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw invalidCursor();
      params.push(createdAt, id);
      where = `WHERE (created_at, id) < ($2::timestamptz, $3::uuid)`;
    }
    const rows = await sqlRows<ApiKeyRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM "ticket"."api_keys" ${where} ORDER BY created_at DESC, id DESC LIMIT $1`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toView),
      nextCursor: rows.length > limit ? encodeKeyCursor(`${last.created_at.toISOString()}|${last.id}`) : null,
    };
  }

  async get(actor: Actor, id: string): Promise<ApiKeyView> {
    if (actor.role !== Role.Admin) throw adminOnly('read API keys');
    const [row] = await sqlRows<ApiKeyRow>(this.dataSource, `SELECT ${COLUMNS} FROM "ticket"."api_keys" WHERE id = $1`, [id]);
    if (!row) throw DomainError.notFound('API key', id);
    return toView(row);
  }

  /** Revokes a key for good (revoking it again changes nothing). */
  async revoke(actor: Actor, id: string): Promise<ApiKeyView> {
    if (actor.role !== Role.Admin) throw adminOnly('revoke API keys');
    const [row] = await sqlRows<ApiKeyRow>(
      this.dataSource,
      `UPDATE "ticket"."api_keys" SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, currentTime()],
    );
    if (!row) throw DomainError.notFound('API key', id);
    this.logger.log({ apiKeyId: id, by: actor.id }, 'API key revoked');
    return toView(row);
  }

  /** The key's id, name and scopes when it is valid now; UNAUTHENTICATED otherwise. Notes the use. */
  async verify(key: string): Promise<VerifiedApiKey> {
    const parsed = parseApiKey(key);
    if (!parsed) throw invalidKey('The API key is not valid');
    const [row] = await sqlRows<ApiKeyRow>(this.dataSource, `SELECT ${COLUMNS} FROM "ticket"."api_keys" WHERE prefix = $1`, [
      parsed.prefix,
    ]);
    const matches = sameHash(hashApiKey(key), row?.secret_hash ?? NO_SUCH_HASH);
    if (!row || !matches) throw invalidKey('The API key is not valid');
    const now = currentTime();
    if (row.revoked_at) throw invalidKey('The API key has been revoked');
    if (row.expires_at && row.expires_at <= now) throw invalidKey('The API key has expired');
    await this.dataSource.query(
      `UPDATE "ticket"."api_keys" SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - $3 * interval '1 millisecond')`,
      [row.id, now, LAST_USED_RESOLUTION_MS],
    );
    return { id: row.id, name: row.name, scopes: row.scopes, expiresAt: row.expires_at?.toISOString() ?? null };
  }
}
