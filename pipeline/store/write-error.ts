/**
 * The store could not take a write for a reason outside pystats: a full disk, a read-only
 * or vanished file system, no memory left. The run being written is rolled back (DuckDB
 * never commits half a transaction); the runs committed before it stay. Told apart from a
 * bug by DuckDB's error text, so the CLI says what happened instead of "internal error".
 */
export class StoreWriteError extends Error {}

const OUTSIDE_PYSTATS = /IO Error|No space left on device|Read-only file system|Disk quota exceeded|Permission denied|Out of Memory Error|could not allocate/i;

/** `err` as a StoreWriteError when the store failed for a reason outside pystats, else null. */
export function storeWriteError(err: unknown, storePath: string, run: string | null): StoreWriteError | null {
  const text = err instanceof Error ? err.message : String(err);
  if (!OUTSIDE_PYSTATS.test(text)) return null;
  // "TransactionContext Error: Failed to commit: Could not write file "….wal": No space left on device"
  const detail = text.split('\n')[0].replace(/^.*?Error: (Failed to commit: )?/, '');
  return new StoreWriteError(
    `cannot write to the store ${storePath}: ${detail}` +
    `${run ? `; run ${run} not stored` : ''}; the runs stored before it are intact`,
  );
}
