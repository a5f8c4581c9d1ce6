/** DuckDB's memory limit during an ingest, raised for a run that needs it. */
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * A run with very many distinct keys (1,000,000 in issue 17) needs more of DuckDB's memory
 * for its sums and the keys' unique index than ingest's flat limit (INGEST_MEMORY_LIMIT)
 * gives: the limit is raised for it, about 600 bytes a key, and stays raised for the rest
 * of this ingest (DuckDB only caches up to it). Runs of a few thousand keys never get here.
 */
const KEYS_WITHIN_LIMIT = 100_000;
const raisedToMb = new WeakMap<DuckDBConnection, number>();
export async function roomForKeys(conn: DuckDBConnection, keys: number): Promise<void> {
  if (keys <= KEYS_WITHIN_LIMIT) return;
  const mb = 64 + Math.ceil((keys * 600) / (1 << 20));
  if (mb <= (raisedToMb.get(conn) ?? 0)) return;
  raisedToMb.set(conn, mb);
  await conn.run(`SET memory_limit = '${mb}MB'`);
}
