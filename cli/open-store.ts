/**
 * The commands' way into the store (pipeline/store): their --db/--lake/--wait options
 * become a store source, the wait for a busy store is announced once, and a missing or
 * busy store, or a bad lake file, becomes a one-line error with its own exit code instead
 * of an internal error.
 */
import type { Store, StoreOptions, StoreSource } from '../pipeline/store/store.js';
import { DEFAULT_DB } from '../pipeline/defaults.js';
import { UserError } from './user-error.js';
import { checkWait } from './options.js';

/** sysexits.h EX_TEMPFAIL: the store is busy; the same command later will work. */
export const EXIT_STORE_BUSY = 75;

export interface StoreArgs {
  /** The store file; DEFAULT_DB when not given (storeDb). */
  db?: string;
  /** A Parquet lake directory to read instead of the store file (read commands only). */
  lake?: string;
  wait: number;
}

/** The store of a read command (runs, sql, report, export-json, trend, …), read-only. */
export async function openStoreToRead(args: StoreArgs, opts: StoreOptions = {}): Promise<Store> {
  const { openReadStore } = await import('../pipeline/store/store.js');
  return opening(args, (o) => openReadStore(sourceOf(args), o), opts);
}

/** The store of a writing command (ingest, `sql --write`), created when missing. */
export async function openStoreToWrite(args: StoreArgs, opts: StoreOptions = {}): Promise<Store> {
  const { openStore } = await import('../pipeline/store/store.js');
  if (args.lake !== undefined) {
    throw new UserError(`a lake is written only by 'pystats lake export'; this command writes a store file: give --db instead of --lake`);
  }
  return opening(args, (o) => openStore(storeDb(args), o), opts);
}

function sourceOf(args: StoreArgs): StoreSource {
  return args.lake !== undefined ? { lake: args.lake } : { db: storeDb(args) };
}

/** The store file a command names, or the default one. */
export function storeDb(args: StoreArgs): string {
  return args.db ?? DEFAULT_DB;
}

async function opening(args: StoreArgs, open: (o: StoreOptions) => Promise<Store>, opts: StoreOptions): Promise<Store> {
  const { StoreBusyError } = await import('../pipeline/store/store.js');
  checkWait(args.wait);
  try {
    return await open({
      ...opts,
      waitSeconds: args.wait,
      onWait: (pid) => process.stderr.write(
        `pystats: waiting for the store ${storeDb(args)} (held by ${pid === null ? 'another process' : `PID ${pid}`})…\n`,
      ),
    });
  } catch (err) {
    if (err instanceof StoreBusyError) throw new UserError(err.message, EXIT_STORE_BUSY);
    throw await asUserError(err);
  }
}

/** A missing store or lake, or a bad lake file: the user's to fix, said in one line. */
export async function asUserError(err: unknown): Promise<unknown> {
  const { NoStoreError, NoLakeError, LakeFileError, StorePathError } = await import('../pipeline/store/store.js');
  if (err instanceof NoStoreError || err instanceof NoLakeError || err instanceof LakeFileError || err instanceof StorePathError) return new UserError(err.message);
  return err;
}
