/**
 * One run's counters as the exporters see them: exact, in first-appearance key order,
 * with the metadata summarize_stats.py appends. This is the contract between the store
 * (pipeline/runs reads it back) and every exporter (report, JSON, trends, site).
 */
export interface RunStats {
  /** Counter keys in first-appearance order, `__nfiles__` included where the loader put it. */
  keys: string[];
  /** Values parallel to `keys`. Sums of uint64 counters: always BigInt, never a JS number. */
  values: bigint[];
  /** `_specialized_instructions`, or null when the input had none (raw dirs, 3.12 JSON). */
  specializedInstructions: string[] | null;
  /** `_stats_defines` (EVAL_CALL_* names by index), in the input's key order. */
  statsDefines: DefinesTable | null;
  /** `_defines` (SPEC_FAIL_* names by index), in the input's key order. */
  defines: DefinesTable | null;
  /** bench_runner's `metadata` block, key order kept, or null. */
  metadata: JsonObject | null;
}

/**
 * The longest counter key pystats stores, in UTF-8 bytes. Real keys stay under 100; a
 * 10 MB "key" (a line of garbage with a colon in it) exhausted DuckDB's ingest memory
 * at commit. The reference would take any length; a longer key fails its run, named.
 */
export const MAX_KEY_BYTES = 4096;

/** An int-keyed table kept in insertion order (JSON objects with "17"-like keys lose it). */
export type DefinesTable = Array<[index: number, names: string[]]>;

/** JSON values with object key order and 64-bit integers kept exactly. */
export type JsonValue = string | bigint | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  readonly kind: 'object';
  entries: Array<[string, JsonValue]>;
}

export function jsonObject(entries: Array<[string, JsonValue]> = []): JsonObject {
  return { kind: 'object', entries };
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JsonObject).kind === 'object';
}

/** Look a counter up by key (0n when absent). Exporters index once; this is for tests. */
export function counterOf(stats: RunStats, key: string): bigint {
  const i = stats.keys.indexOf(key);
  return i < 0 ? 0n : stats.values[i];
}
