/**
 * The in-memory DuckDB of a `pystats summarize`, opened by the launcher (cli/main.ts)
 * before anything else is loaded. Opening DuckDB (its catalog, its built-in extensions)
 * takes longer than anything else a one-file summarize waits for, and it runs on libuv's
 * thread pool: started first, it is ready by the time the command line has been parsed,
 * the inputs listed and the renderer loaded, instead of being waited for after them.
 *
 * Only the native binding is used here: @duckdb/node-api is part of the CLI's bundle, and
 * the launcher stays small. The launcher and the bundle each carry a copy of this module:
 * the opening database passes from one to the other through a well-known symbol.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type duckdb from '@duckdb/node-bindings';
import { fromRoot } from '../package-root.js';
import { mark } from '../timing.js';

export interface EarlyStore {
  db: duckdb.Database;
  conn: duckdb.Connection;
}

const EARLY_STORE = Symbol.for('pystats.earlyMemoryStore');
const registry = globalThis as Record<symbol, Promise<EarlyStore> | undefined>;

/**
 * One DuckDB thread: the store holds one run, its queries are small, and the two cores
 * belong to the parse workers (two threads made each query wait on a hand-off).
 */
const CONFIG: Record<string, string> = { threads: '1', memory_limit: '256MB' };

/**
 * Starts opening the store (the launcher calls it for `summarize`). Should the binding not
 * load, nothing is started: the command opens its store itself and reports the failure
 * as any other.
 */
export function openEarly(): void {
  let bindings: typeof duckdb;
  try {
    bindings = createRequire(fromRoot('package.json'))('@duckdb/node-bindings') as typeof duckdb;
  } catch {
    return;
  }
  mark('DuckDB binding loaded');
  const promise = openStore(bindings);
  promise.catch(() => undefined); // surfaced to whoever takes it
  registry[EARLY_STORE] = promise;
}

/** The store the launcher started opening, once; else a new one. */
export function takeOrOpen(bindings: typeof duckdb): Promise<EarlyStore> {
  const early = registry[EARLY_STORE];
  delete registry[EARLY_STORE];
  return early ?? openStore(bindings);
}

async function openStore(bindings: typeof duckdb): Promise<EarlyStore> {
  const config = bindings.create_config();
  for (const [name, value] of Object.entries(CONFIG)) bindings.set_config(config, name, value);
  const db = await bindings.open(':memory:', config);
  const conn = await bindings.connect(db);
  await bindings.query(conn, tableDdlWithoutIndexes(readFileSync(fromRoot('schemas', 'sql', 'ddl.sql'), 'utf8')));
  mark('duckdb: open, connect, tables');
  return { db, conn };
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
