/**
 * DuckDB lets one process write a database file, or several read it, never both: an open
 * that conflicts fails at once with "Could not set lock … (PID N)". A conflict is an
 * expected moment of a shared store, not an error, so the opener retries until the holder
 * lets go or the caller's patience (--wait) runs out.
 */

/** The open failed because another process holds the file's lock. */
export class StoreBusyError extends Error {
  constructor(readonly path: string, readonly holderPid: number | null, readonly waitedSeconds: number) {
    super(
      `the store ${path} is held by ${holderPid === null ? 'another process' : `PID ${holderPid}`}` +
      ` (still after waiting ${waitedSeconds} s): a store has one writer or many readers at a time; ` +
      'try again when it is done, or raise --wait',
    );
  }
}

export interface LockWaitOptions {
  /** Seconds to keep retrying; 0 fails at the first conflict. */
  waitSeconds: number;
  /** Told once, at the first conflict, who holds the store. */
  onWait?: (holderPid: number | null) => void;
}

const LOCK_CONFLICT = /Could not set lock on file .*Conflicting lock is held/s;
const HOLDER_PID = /\(PID (\d+)\)/;

/** The holder's PID when `err` is DuckDB's lock conflict; undefined for any other error. */
export function lockHolder(err: unknown): number | null | undefined {
  if (!(err instanceof Error) || !LOCK_CONFLICT.test(err.message)) return undefined;
  const pid = HOLDER_PID.exec(err.message);
  return pid ? Number(pid[1]) : null;
}

/** Runs `open` until it succeeds, retrying lock conflicts with a growing pause. */
export async function openWhenFree<T>(path: string, open: () => Promise<T>, opts: LockWaitOptions): Promise<T> {
  const start = Date.now();
  let pauseMs = 25;
  let told = false;
  for (;;) {
    try {
      return await open();
    } catch (err) {
      const holder = lockHolder(err);
      if (holder === undefined) throw err;
      const waited = (Date.now() - start) / 1000;
      if (waited >= opts.waitSeconds) throw new StoreBusyError(path, holder, Math.round(waited));
      if (!told) opts.onWait?.(holder);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, opts.waitSeconds * 1000 - (Date.now() - start))));
      pauseMs = Math.min(pauseMs * 2, 500);
    }
  }
}
