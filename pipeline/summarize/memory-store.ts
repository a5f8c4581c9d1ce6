/**
 * The throw-away in-memory DuckDB a `pystats summarize` loads its run into: the one the
 * launcher started opening (early-store.ts), as a Store of @duckdb/node-api.
 *
 * Why not openStore(':memory:'): it would open DuckDB only once the loader is loaded, and
 * wait for it. This store has only the tables the load and the report read
 * (schemas/sql/ddl.sql, without their indexes), not the store's views: nothing reads them.
 */
import duckdb from '@duckdb/node-bindings';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Store } from '../store/store.js';
import { takeOrOpen } from './early-store.js';

export async function openMemoryStore(): Promise<Store> {
  const { db, conn: raw } = await takeOrOpen(duckdb);
  const instance = new DuckDBInstance(db);
  const conn = new DuckDBConnection(raw);
  return {
    path: ':memory:', instance, conn, readOnly: false,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
