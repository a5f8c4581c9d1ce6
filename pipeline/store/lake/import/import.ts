/**
 * `pystats lake import`: a lake's runs into a store, in one transaction, leaving out the
 * runs the store already holds (by content hash). Several lakes, or the lakes of several
 * machines, imported one after another give one store with no run twice.
 */
import type { Store } from '../../store.js';
import { insertIncomingRuns } from '../../insert-runs.js';
import { runSqlFile } from '../../../sql-file.js';
import { listLake } from '../layout.js';
import { loadLakeTables } from '../read/read-lake.js';

export interface LakeImportResult {
  added: number;
  /** Runs of the lake the store already held. */
  present: number;
}

export async function importLake(store: Store, lakeDir: string): Promise<LakeImportResult> {
  await loadLakeTables(store.conn, listLake(lakeDir));
  await store.conn.run('BEGIN TRANSACTION');
  let rows;
  try {
    rows = await runSqlFile(store.conn, 'pipeline/store/lake/import/sql/import.sql');
    await insertIncomingRuns(store.conn);
    await store.conn.run('COMMIT');
  } catch (err) {
    await store.conn.run('ROLLBACK');
    throw err;
  }
  const [[added, total]] = rows;
  return { added: Number(added), present: Number(total) - Number(added) };
}
