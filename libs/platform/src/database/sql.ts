import { DataSource, EntityManager } from 'typeorm';

/**
 * The rows of a raw statement. TypeORM's postgres driver answers UPDATE/DELETE ... RETURNING
 * with `[rows, affectedCount]` and everything else with `rows`; this gives rows in every case.
 */
export async function sqlRows<T>(executor: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await executor.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
