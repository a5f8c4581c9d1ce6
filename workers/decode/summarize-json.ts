/**
 * summarize_stats.py `--json-output` files (3.12 → 3.15, with or without bench_runner's
 * `metadata` block) decoded into ordered counters plus the metadata the script appends.
 */
import { isJsonObject, MAX_KEY_BYTES, type DefinesTable, type JsonValue, type RunStats } from '../../schemas/run-stats.js';
import { parseOrderedJson } from '../../pipeline/json/ordered-json.js';

/** A decoded file is a run as the exporters see it: keys in file order, `__nfiles__` where it stands. */
export type DecodedSummarizeJson = RunStats;

const META_KEYS = new Set(['_specialized_instructions', '_stats_defines', '_defines', 'metadata']);
const UINT64_MAX = (1n << 64n) - 1n;
const INT32_MAX = (1n << 31n) - 1n;
const LONE_SURROGATE = /\p{Surrogate}/u;

export class SummarizeJsonError extends Error {}

export function decodeSummarizeJson(text: string): DecodedSummarizeJson {
  const root = parseOrderedJson(text);
  if (!isJsonObject(root)) throw new SummarizeJsonError('not a summarize_stats JSON: the top level is not an object');
  const out: DecodedSummarizeJson = {
    keys: [], values: [], specializedInstructions: null, statsDefines: null, defines: null, metadata: null,
  };
  for (const [key, value] of root.entries) {
    if (META_KEYS.has(key)) {
      if (key === '_specialized_instructions') out.specializedInstructions = stringList(key, value);
      else if (key === '_stats_defines') out.statsDefines = definesTable(key, value);
      else if (key === '_defines') out.defines = definesTable(key, value);
      else out.metadata = isJsonObject(value) ? value : fail(`"metadata" is not an object`);
      continue;
    }
    // "\ud800" is valid JSON and a Python str, but no UTF-8: the store would hold U+FFFD.
    if (LONE_SURROGATE.test(key)) fail(`counter key ${JSON.stringify(key)} is not valid Unicode (a lone surrogate)`);
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) fail(`counter key of ${Buffer.byteLength(key)} bytes, longer than ${MAX_KEY_BYTES}`);
    if (typeof value !== 'bigint') fail(`counter ${JSON.stringify(key)} is not an integer`);
    if (value < 0n || value > UINT64_MAX) fail(`counter ${JSON.stringify(key)} = ${value} does not fit in an unsigned 64-bit integer`);
    // The run's file count (runs.n_files, an INTEGER) is this counter.
    if (key === '__nfiles__' && value > INT32_MAX) fail(`"__nfiles__" = ${value} is not a file count`);
    out.keys.push(key);
    out.values.push(value);
  }
  return out;
}

function stringList(key: string, value: JsonValue): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(`${key} is not a list of strings`);
  return value as string[];
}

function definesTable(key: string, value: JsonValue): DefinesTable {
  if (!isJsonObject(value)) fail(`${key} is not an object`);
  return value.entries.map(([index, names]) => {
    if (!/^-?\d+$/.test(index)) fail(`${key} has a non-integer key ${JSON.stringify(index)}`);
    return [Number(index), stringList(`${key}[${index}]`, names)];
  });
}

function fail(message: string): never {
  throw new SummarizeJsonError(message);
}
