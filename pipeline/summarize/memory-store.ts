/**
 * The throw-away in-memory DuckDB a `pystats summarize` loads its run into.
 *
 * Why not openStore(':memory:'): a summarize waits on nothing else as long as on its
 * start-up, and DuckDB's part of it (create the database, connect, create the tables) runs
 * on libuv's thread pool, not on the main thread. Started as soon as the parse jobs are
 * out, it is ready by the time the main thread has loaded the loader and the report
 * renderer, instead of starting after them. And it creates only the tables the load and
 * the report read (schemas/sql/ddl.sql), not the store's views, which nothing reads here,
 * and without their keys' indexes (tableDdlWithoutIndexes).
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Store } from '../load/store.js';
import { fromRoot } from '../package-root.js';
import { mark } from '../timing.js';

export function openMemoryStore(): Promise<Store> {
  // One DuckDB thread: the store holds one run, its queries are small, and the two cores
  // belong to the parse workers (two threads made each query wait on a hand-off).
  const ddl = tableDdlWithoutIndexes(readFileSync(fromRoot('schemas', 'sql', 'ddl.sql'), 'utf8'));
  mark('DuckDB open started');
  return DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB' }).then(async (instance) => {
    const conn = await instance.connect();
    await conn.run(ddl);
    mark('duckdb: open, connect, tables');
    return {
      path: ':memory:', instance, conn,
      close() {
        conn.closeSync();
        instance.closeSync();
      },
    };
  });
}

/**
 * The store's tables as a throw-away store needs them: PRIMARY KEY and UNIQUE make DuckDB
 * keep an index per column, which guards a store that lives for years against a second
 * copy of a key or a run; this one holds one run, loaded once by the code that keeps ids
 * unique anyway. Appending a run's 1,500 keys with their two indexes took ten times as
 * long as without (measured: 41 ms against 4 ms, the machine loaded).
 */
export function tableDdlWithoutIndexes(ddl: string): string {
  return ddl.replace(/\s(PRIMARY KEY|UNIQUE)\b/g, '');
}
