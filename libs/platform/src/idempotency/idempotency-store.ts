import { createHash } from 'node:crypto';
import { ErrorCode } from '@helpdesk/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';

export type IdempotencyClaim<T> = { replay: false } | { replay: true; response: T };

/** A stable hash of a request body, independent of key order. */
export function requestHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value) ?? null))
    .digest('hex');
}

/**
 * `Idempotency-Key` support inside a transaction. `claim` inserts the key first: a concurrent
 * request with the same key waits on the row until the first commits, then gets its response.
 * The same key with a different body is an error (422), as the IETF draft recommends.
 */
@Injectable()
export class IdempotencyStore {
  private readonly schema: string;

  constructor(dataSource: DataSource) {
    this.schema = String((dataSource.options as { schema?: string }).schema ?? 'public');
  }

  async claim<T>(manager: EntityManager, scope: string, key: string, body: unknown): Promise<IdempotencyClaim<T>> {
    const hash = requestHash(body);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${this.schema}"."idempotency_keys" (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    if (inserted.length) return { replay: false };
    const [existing]: { request_hash: string; response: T | null }[] = await manager.query(
      `SELECT request_hash, response FROM "${this.schema}"."idempotency_keys" WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (!existing || existing.request_hash !== hash) {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used with a different request body', { key });
    }
    if (existing.response === null) {
      throw new DomainError(ErrorCode.Conflict, 'A request with this Idempotency-Key is still being processed', { key });
    }
    return { replay: true, response: existing.response };
  }

  async complete(manager: EntityManager, scope: string, key: string, response: unknown): Promise<void> {
    await manager.query(`UPDATE "${this.schema}"."idempotency_keys" SET response = $3::jsonb WHERE scope = $1 AND key = $2`, [
      scope,
      key,
      JSON.stringify(response),
    ]);
  }
}
