/**
 * A checksum of every table of a store (row count and an order-free sum of row hashes):
 * equal checksums before and after a failed ingest mean it left nothing behind.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function tableChecksums(conn: DuckDBConnection): Promise<Record<string, string>> {
  const tables = (await conn.runAndReadAll(
    "SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND database_name = current_database() ORDER BY 1",
  )).getRows().map(([t]) => t as string);
  const sums: Record<string, string> = {};
  for (const t of tables) {
    // Table names come from the catalog, not from input; quoted as identifiers.
    const [[rows, hash]] = (await conn.runAndReadAll(
      `SELECT count(*)::VARCHAR, coalesce(sum(hash(t))::VARCHAR, '0') FROM "${t.replaceAll('"', '""')}" t`,
    )).getRows();
    sums[t] = `${rows}:${hash}`;
  }
  return sums;
}
