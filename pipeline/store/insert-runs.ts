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
