/**
 * The store's second backend: a Parquet lake read through views with the store's table
 * names, columns and types (schemas/sql/lake-views.sql) over the lake-level tables
 * (pipeline/store/lake/read). The commands never know which backend they read.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../../package-root.js';
import { listLake } from './layout.js';
import { loadLakeTables } from './read/read-lake.js';

/** Lays the lake at `dir` over `conn` as runs, keys, files, file_counters and run_counters. */
export async function layLakeViews(conn: DuckDBConnection, dir: string): Promise<void> {
  await loadLakeTables(conn, listLake(dir));
  await conn.run(readFileSync(fromRoot('schemas', 'sql', 'lake-views.sql'), 'utf8'));
}
