import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sqlRows } from './sql';
import { startPlatformScratchDatabase, startScratchDatabase } from './scratch-database';

/** The specs' throwaway database: usable once started, and nothing of it left behind, whether it stops or fails to get ready. */
describe('scratch database', () => {
  const directories = (name: string): string[] => readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${name}-`));

  it('holds the platform tables in its schema, and stop() removes its directory', async () => {
    const name = `scratch-spec-${process.pid}`;
    const scratch = await startPlatformScratchDatabase(name, 'kept');
    expect(directories(name)).toHaveLength(1);
    const tables = await sqlRows<{ table_name: string }>(
      scratch.dataSource,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'kept' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['outbox', 'processed_events']));
    await scratch.stop();
    expect(scratch.dataSource.isInitialized).toBe(false);
    expect(directories(name)).toEqual([]);
  }, 120_000);

  it('cleans up and rethrows when preparing it fails', async () => {
    const name = `scratch-spec-failing-${process.pid}`;
    await expect(
      startScratchDatabase(
        name,
        (url) => ({ type: 'postgres', url }),
        (dataSource) => dataSource.query('SELECT * FROM no_such_table'),
      ),
    ).rejects.toThrow(/no_such_table/);
    expect(directories(name)).toEqual([]);
  }, 120_000);
});
