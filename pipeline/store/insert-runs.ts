/**
 * New runs into the store (sql/insert-runs.sql): the rows of temp.incoming_runs, their
 * texts stored once. The caller makes incoming_runs (a view over its staged rows) and
 * holds the transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';

export async function insertIncomingRuns(conn: DuckDBConnection): Promise<void> {
  await runSqlFile(conn, 'pipeline/store/sql/insert-runs.sql');
}

/** Whether `runs` is still the table every store had before `texts` (not the view). */
export async function hasRunsTable(conn: DuckDBConnection): Promise<boolean> {
  const rows = (await conn.runAndReadAll(
    "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'runs'",
  )).getRows();
  return Number(rows[0][0]) > 0;
}

/**
 * A store written before `texts` made current, in the open's transaction: its runs and
 * files tables set aside, the tables and views of ddl.sql made (`makeTables`), their rows
 * moved over.
 */
export async function upgradeRunsTable(conn: DuckDBConnection, makeTables: () => Promise<void>): Promise<void> {
  await runSqlFile(conn, 'pipeline/store/sql/upgrade-runs-table.sql');
  await makeTables();
  await runSqlFile(conn, 'pipeline/store/sql/upgrade-runs-rows.sql');
  await insertIncomingRuns(conn);
  await conn.run('DROP VIEW temp.incoming_runs');
  await conn.run('DROP TABLE runs_before_texts');
  await conn.run('DROP TABLE files_before_texts');
}
