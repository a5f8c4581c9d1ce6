/**
 * The store every command opens: here, and only here, a command's choice of store becomes
 * a DuckDB connection with the store's tables and views.
 *
 * - Writers (ingest, `sql --write`, the in-memory store of summarize) open the DuckDB file
 *   read-write; opening applies schemas/sql's DDL and views, so any store the code writes
 *   has the current shape.
 * - Readers (runs, sql, report, export-json, trend, …) open it read-only: ad hoc SQL cannot
 *   damage it, and any number of readers may share it. The views are laid over it as
 *   temporary views, so a store written by an older pystats still reads through the
 *   current ones.
 *
 * - A Parquet lake (pipeline/store/lake/layout.ts) is the second backend readers open
 *   (lake-store.ts): an in-memory DuckDB whose views have the store's table names,
 *   columns and types, so every read command works on it unchanged.
 *
 * DuckDB allows one writer or many readers of a file at a time; both kinds wait for a
 * conflicting holder (lock-wait.ts) instead of failing at once. A lake has no lock: its
 * files are only ever added, each batch committed by one rename (lake export).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { makeDirs, StorePathError, storeOpenReason } from './file-errors.js';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../package-root.js';
import { DEFAULT_DB, DEFAULT_WAIT_SECONDS } from '../defaults.js';
import { openWhenFree } from './lock-wait.js';
import { layLakeViews } from './lake/lake-store.js';
import { confine } from './sandbox.js';
import { upgradedTables, upgradeStore, upgradesNeeded } from './upgrade.js';

export { DEFAULT_DB };
export { StoreBusyError } from './lock-wait.js';
export { NoLakeError, LakeFileError } from './lake/layout.js';
export { StorePathError } from './file-errors.js';

/**
 * DuckDB's memory limit while ingesting: committed blocks stay cached up to the limit,
 * so a lower one keeps a long ingest's footprint flat (measured: same speed at 64 MB).
 */
export const INGEST_MEMORY_LIMIT = '64MB';

export interface Store {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  readonly readOnly: boolean;
  close(): void;
}

export interface StoreOptions {
  /** DuckDB's own memory limit; ingest keeps its footprint flat with it. */
  memoryLimit?: string;
  threads?: number;
  /** Seconds to wait for a store another process holds (default 60). */
  waitSeconds?: number;
  /** Called once when the store is held by another process and the open starts waiting. */
  onWait?: (holderPid: number | null) => void;
  /**
   * Directories a reader's DuckDB may also open files in besides a lake's own (lake
   * export's target); every other file access is refused once the store is open (sandbox.ts).
   */
  extraDirs?: readonly string[];
}

/** A store that has no file where a reader looks for one. */
export class NoStoreError extends Error {
  constructor(readonly path: string) {
    super(`no store at ${path}: ingest runs into it first (pystats ingest … --db ${path})`);
  }
}

/** Opens (creating if needed) a store to write: the DuckDB file, or ':memory:'. */
export async function openStore(path: string = DEFAULT_DB, opts: StoreOptions = {}): Promise<Store> {
  if (path !== ':memory:') {
    makeDirs(dirname(path));
    if (existsSync(path) && statSync(path).isDirectory()) throw new StorePathError(`cannot open the store ${path}: it is a directory, not a store file`);
  }
  return opened(path, async () => {
    const instance = await openInstance(path, false, opts);
    const conn = await instance.connect();
    try {
      await makeTables(conn, path);
      await conn.run(readSql('views.sql'));
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    return storeOf(path, instance, conn, false);
  });
}

/**
 * The store's tables and views (ddl.sql), in one transaction with the upgrade of a store
 * an earlier pystats wrote (upgrade.ts), so a store is either upgraded whole or left as it was.
 */
async function makeTables(conn: DuckDBConnection, path: string): Promise<void> {
  const ddl = () => conn.run(readSql('ddl.sql')).then(() => undefined);
  await conn.run('BEGIN TRANSACTION');
  const upgrades = await upgradesNeeded(conn);
  const upgrading = upgrades.length > 0;
  try {
    if (upgrading) await upgradeStore(conn, upgrades, ddl);
    else await ddl();
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    // A failure of the file itself (full disk, damage…) is said as such by opened().
    if (!upgrading || (storeOpenReason(err) !== null && !/Catalog Error|Binder Error/.test(String(err)))) throw err;
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    const tables = upgradedTables(upgrades);
    throw new StorePathError(
      `cannot open the store ${path}: its ${tables} ${upgrades.length > 1 ? 'tables are' : 'table is'} not one pystats wrote, so it cannot be upgraded (${why}); the file is left as it was`,
    );
  }
}

/** Where a read command's runs are: a DuckDB store file, or a Parquet lake directory. */
export type StoreSource = { db: string; lake?: undefined } | { lake: string; db?: undefined };

/** Opens the store a read command names, to read only. */
export async function openReadStore(source: StoreSource, opts: StoreOptions = {}): Promise<Store> {
  if (source.lake !== undefined) return openLake(source.lake, opts);
  return openReadOnlyFile(source.db, opts);
}

/** A lake, read through the store's table names in an in-memory DuckDB. */
async function openLake(dir: string, opts: StoreOptions): Promise<Store> {
  const instance = await openInstance(':memory:', false, opts);
  const conn = await instance.connect();
  try {
    await layLakeViews(conn, dir);
    await conn.run(asTemporaryViews(readSql('views.sql')));
    await confine(conn, [resolve(dir), ...(opts.extraDirs ?? [])].map((d) => resolve(d)));
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    throw err;
  }
  return storeOf(dir, instance, conn, true);
}

/** Opens an existing store file to read only: statements that would change it fail. */
async function openReadOnlyFile(path: string, opts: StoreOptions): Promise<Store> {
  if (!existsSync(path)) throw new NoStoreError(path);
  if (statSync(path).isDirectory()) throw new StorePathError(`cannot open the store ${path}: it is a directory, not a store file`);
  return opened(path, async () => {
    const instance = await openInstance(path, true, opts);
    const conn = await instance.connect();
    try {
      await conn.run(asTemporaryViews(readSql('views.sql')));
      await confine(conn, (opts.extraDirs ?? []).map((d) => resolve(d)));
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    return storeOf(path, instance, conn, true);
  });
}

/** A store file DuckDB will not open (not DuckDB, damaged, unreadable): said as such. */
async function opened(path: string, open: () => Promise<Store>): Promise<Store> {
  try {
    return await open();
  } catch (err) {
    if (err instanceof StorePathError) throw err;
    const reason = storeOpenReason(err);
    if (reason === null) throw err;
    throw new StorePathError(`cannot open the store ${path}: ${reason}`);
  }
}

/** DuckDB's message for a statement refused by a read-only store. */
export function isReadOnlyRefusal(err: unknown): boolean {
  return err instanceof Error && /attached in read-only mode|read-only mode/i.test(err.message);
}

function openInstance(path: string, readOnly: boolean, opts: StoreOptions): Promise<DuckDBInstance> {
  const settings: Record<string, string> = {
    memory_limit: opts.memoryLimit ?? '256MB',
    threads: String(opts.threads ?? 2),
  };
  if (readOnly) settings.access_mode = 'READ_ONLY';
  if (path === ':memory:') return DuckDBInstance.create(path, settings);
  return openWhenFree(path, () => DuckDBInstance.create(path, settings), {
    waitSeconds: opts.waitSeconds ?? DEFAULT_WAIT_SECONDS,
    onWait: opts.onWait,
  });
}

function storeOf(path: string, instance: DuckDBInstance, conn: DuckDBConnection, readOnly: boolean): Store {
  return {
    path, instance, conn, readOnly,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** A read-only file takes no new views; temporary ones live in memory and shadow the stored ones. */
function asTemporaryViews(sql: string): string {
  return sql.replace(/CREATE OR REPLACE VIEW/g, 'CREATE OR REPLACE TEMP VIEW');
}

function readSql(name: string): string {
  return readFileSync(fromRoot('schemas', 'sql', name), 'utf8');
}
