/**
 * Stores written by an earlier pystats, made current by the first command that opens them
 * to write, inside the open's transaction (store.ts: makeTables), so a store is either
 * upgraded whole or left as it was. Read commands read every layout as it is: the tables
 * an upgrade replaces had the names and columns of the views that replace them.
 *
 * Each upgrade sets its old table aside before ddl.sql makes the current tables and views,
 * then moves the rows over and drops what it set aside.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';
import { insertIncomingRuns } from './insert-runs.js';

interface Upgrade {
  /** The table, in the store's main schema, that only this earlier layout has. */
  oldTable: string;
  setAside(conn: DuckDBConnection): Promise<unknown>;
  moveRows(conn: DuckDBConnection): Promise<unknown>;
}

const UPGRADES: Upgrade[] = [
  {
    // Before `texts`: runs a table holding every run's JSON texts.
    oldTable: 'runs',
    setAside: (conn) => runSqlFile(conn, 'pipeline/store/sql/upgrade-runs-table.sql'),
    async moveRows(conn) {
      await runSqlFile(conn, 'pipeline/store/sql/upgrade-runs-rows.sql');
      await insertIncomingRuns(conn);
      await conn.run('DROP VIEW temp.incoming_runs');
      await conn.run('DROP TABLE runs_before_texts');
      await conn.run('DROP TABLE files_before_texts');
    },
  },
  {
    // Before run_counters_u64: run_counters a table of HUGEINT values.
    oldTable: 'run_counters',
    setAside: (conn) => conn.run('ALTER TABLE run_counters RENAME TO run_counters_before_u64'),
    moveRows: (conn) => runSqlFile(conn, 'pipeline/store/sql/upgrade-run-counters-rows.sql'),
  },
];

/** The upgrades the store needs: those whose old table it still has. */
export async function upgradesNeeded(conn: DuckDBConnection): Promise<Upgrade[]> {
  const rows = (await conn.runAndReadAll(
    "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'",
  )).getRows();
  const tables = new Set(rows.map(([name]) => name as string));
  return UPGRADES.filter((u) => tables.has(u.oldTable));
}

/** The tables of `upgrades`, as a message names them ("runs", "runs and run_counters"). */
export function upgradedTables(upgrades: Upgrade[]): string {
  return upgrades.map((u) => u.oldTable).join(' and ');
}

/** Makes the store current: the old tables set aside, `makeTables` (ddl.sql), the rows moved over. */
export async function upgradeStore(conn: DuckDBConnection, upgrades: Upgrade[], makeTables: () => Promise<void>): Promise<void> {
  for (const u of upgrades) await u.setAside(conn);
  await makeTables();
  for (const u of upgrades) await u.moveRows(conn);
}
