/**
 * The commands' way into the store (pipeline/store): their --db/--wait options become a
 * store source, the wait for a busy store is announced once, and a missing or busy store
 * becomes a one-line error with its own exit code instead of an internal error.
 */
import type { Store, StoreOptions, StoreSource } from '../pipeline/store/store.js';
import { UserError } from './user-error.js';

/** sysexits.h EX_TEMPFAIL: the store is busy; the same command later will work. */
export const EXIT_STORE_BUSY = 75;

export interface StoreArgs {
  db: string;
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
  return opening(args, (o) => openStore(args.db, o), opts);
}

function sourceOf(args: StoreArgs): StoreSource {
  return { db: args.db };
}

async function opening(args: StoreArgs, open: (o: StoreOptions) => Promise<Store>, opts: StoreOptions): Promise<Store> {
  const { NoStoreError, StoreBusyError } = await import('../pipeline/store/store.js');
  try {
    return await open({
      ...opts,
      waitSeconds: args.wait,
      onWait: (pid) => process.stderr.write(
        `pystats: waiting for the store ${args.db} (held by ${pid === null ? 'another process' : `PID ${pid}`})…\n`,
      ),
    });
  } catch (err) {
    if (err instanceof StoreBusyError) throw new UserError(err.message, EXIT_STORE_BUSY);
    if (err instanceof NoStoreError) throw new UserError(err.message);
    throw err;
  }
}
