/**
 * The DuckDB store: an embedded database file (default data/pystats.duckdb) or
 * ':memory:'. Opening applies the DDL and views from schemas/sql, so any store the
 * code opens has the current shape.
 */
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../package-root.js';
import { DEFAULT_DB } from '../defaults.js';

export { DEFAULT_DB };


/**
 * DuckDB's memory limit while ingesting: committed blocks stay cached up to the limit,
 * so a lower one keeps a long ingest's footprint flat (measured: same speed at 64 MB).
 */
export const INGEST_MEMORY_LIMIT = '64MB';

export interface Store {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  close(): void;
}

export interface StoreOptions {
  /** DuckDB's own memory limit; ingest keeps its footprint flat with it. */
  memoryLimit?: string;
  threads?: number;
}

export async function openStore(path: string = DEFAULT_DB, opts: StoreOptions = {}): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, {
    memory_limit: opts.memoryLimit ?? '256MB',
    threads: String(opts.threads ?? 2),
  });
  const conn = await instance.connect();
  await conn.run(readSql('ddl.sql'));
  await conn.run(readSql('views.sql'));
  return {
    path, instance, conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

function readSql(name: string): string {
  return readFileSync(fromRoot('schemas', 'sql', name), 'utf8');
}
