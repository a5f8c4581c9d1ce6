/** Throw-away stores for tests, and the run's counters read back in key order. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBBlobValue } from '@duckdb/node-api';
import { blobText } from '../../pipeline/blob-text.js';
import { openStore, type Store } from '../../pipeline/store/store.js';

export function tempDir(prefix = 'pystats-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function tempStore(): Promise<Store> {
  return openStore(join(tempDir(), 'store.duckdb'));
}

/** The run's counters in key order; keys read as bytes (node-api's VARCHAR decoding drops a leading U+FEFF). */
export async function runCounters(store: Store, runId: number): Promise<Array<[string, bigint]>> {
  const rows = (await store.conn.runAndReadAll(
    'SELECT encode(k.key), rc.value FROM run_counters rc JOIN keys k USING (key_id) WHERE run_id = $1 ORDER BY ord', [runId],
  )).getRows();
  return rows.map(([k, v]) => [blobText(k as DuckDBBlobValue), v as bigint]);
}

export async function count(store: Store, sql: string, params: unknown[] = []): Promise<number> {
  const rows = (await store.conn.runAndReadAll(sql, params as never)).getRows();
  return Number(rows[0][0]);
}
