/**
 * Appends whole typed-array columns to a DuckDB table through the C API's data chunks:
 * each 2,048-row slice is one memcpy per column, no per-value JS objects. This is the
 * fast load path (about 20 M rows/s here, against under 1 M for row-by-row appends).
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection } from '@duckdb/node-api';

export type ColumnType = 'INTEGER' | 'UBIGINT';
type Column = Int32Array | Uint32Array | BigUint64Array;
/** Bytes a value of each type takes in a vector. */
const WIDTH: Record<ColumnType, number> = { INTEGER: 4, UBIGINT: 8 };

const CHUNK_ROWS = 2048; // DuckDB's vector size: a data chunk holds at most this many rows

export class ColumnAppender {
  private readonly appender: duckdb.Appender;
  private readonly chunk: duckdb.DataChunk;
  private readonly vectors: duckdb.Vector[];
  private readonly widths: number[];

  constructor(conn: DuckDBConnection, table: string, types: ColumnType[], catalog: string | null = null) {
    this.widths = types.map((t) => WIDTH[t]);
    this.appender = duckdb.appender_create_ext(rawConnection(conn), catalog, null, table);
    const logical = types.map((t) => duckdb.create_logical_type(duckdb.Type[t]));
    this.chunk = duckdb.create_data_chunk(logical);
    this.vectors = types.map((_, i) => duckdb.data_chunk_get_vector(this.chunk, i));
  }

  /** Appends rows [0, length) of the given columns (one typed array per table column). */
  append(columns: Column[], length: number): void {
    for (let off = 0; off < length; off += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, length - off);
      columns.forEach((col, i) => {
        const width = this.widths[i];
        duckdb.copy_data_to_vector(this.vectors[i], 0, col.buffer as ArrayBuffer, col.byteOffset + off * width, n * width);
      });
      duckdb.data_chunk_set_size(this.chunk, n);
      duckdb.append_data_chunk(this.appender, this.chunk);
    }
  }

  close(): void {
    duckdb.appender_flush_sync(this.appender);
    duckdb.appender_close_sync(this.appender);
  }
}

/** The C API handle behind a node-api connection (kept private there; the chunk API needs it). */
export function rawConnection(conn: DuckDBConnection): duckdb.Connection {
  return (conn as unknown as { connection: duckdb.Connection }).connection;
}
