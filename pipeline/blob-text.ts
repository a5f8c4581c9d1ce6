/**
 * Text read back from DuckDB as bytes (`encode(col)`). node-api decodes VARCHAR with a
 * default TextDecoder, which drops a leading U+FEFF: a counter key that starts with one
 * (a raw file written with a BOM; the reference keeps the mark in its first key) would
 * come back as another key. Where keys must round-trip exactly, they are read this way.
 */
import type { DuckDBBlobValue } from '@duckdb/node-api';

export function blobText(blob: DuckDBBlobValue): string {
  return Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength).toString('utf8');
}
