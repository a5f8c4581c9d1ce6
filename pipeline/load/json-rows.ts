/**
 * A batch's rows of one table, sent to DuckDB as one JSON text (an array of rows, each an
 * array of its cells in the table's column order) and inserted by a .sql file that reads
 * it, when the batch commits. DuckDB parses the text and appends the rows on its own
 * threads. Through an appender, the main thread paid an N-API call for every value and
 * the rows' append when it closed: for an archive's runs and files, a sixth of its time.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';

export type JsonCell = string | number | null;

export class JsonRows {
  private readonly rows: JsonCell[][] = [];

  /** `sqlFile` inserts the rows of its parameter $rows. */
  constructor(private readonly sqlFile: string) {}

  push(row: JsonCell[]): void {
    this.rows.push(row);
  }

  /** Inserts the rows pushed since the last insert (none: nothing is run). */
  async insert(conn: DuckDBConnection): Promise<void> {
    if (this.rows.length === 0) return;
    const text = JSON.stringify(this.rows);
    this.clear();
    await runSqlFile(conn, this.sqlFile, { rows: text });
  }

  /** Drops the rows pushed since the last insert (the batch rolled back). */
  clear(): void {
    // Emptied in place: a new [] would hold small integers only until its first row came,
    // and each batch's first push then threw the optimized caller (RunWriter.finish) away.
    this.rows.length = 0;
  }
}

/**
 * A text cell. A JS string may hold a lone surrogate (a JSON metadata "\ud800" escape),
 * which JSON.stringify writes as an escape DuckDB's parser refuses; an appender stored
 * U+FFFD for it, and so does this.
 */
export function textCell(text: string | null): string | null {
  return text === null ? null : (text as unknown as { toWellFormed(): string }).toWellFormed();
}
