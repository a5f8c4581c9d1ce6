/**
 * The site's report data, shared by the Node side that writes it (run-data.ts) and the
 * browser bundle that renders reports from it (browser/report-page.ts).
 *
 * Pages opened from file:// cannot fetch JSON, so the data travels as small scripts that
 * each add one entry to a global: `runs/data/<run>.js` (a run's counters and what its report
 * needs besides), `runs/data/keys-<hash>.js` (a key list, shared by every run with the same
 * keys in the same order) and `runs/data/table-<hash>.js` (a metadata table), the shared
 * ones named by their content.
 * Counters stay exact: decimal text, made BigInt in the browser, never a JS number.
 */
import type { DefinesTable, RunStats } from '../../schemas/run-stats.js';
import { parseRunExtras } from '../runs/run-extras.js';

export const DATA_DIR = 'runs/data';
export const dataScriptOf = (runId: number) => `${DATA_DIR}/${runId}.js`;
export const keysScriptOf = (keyList: string) => `${DATA_DIR}/keys-${keyList}.js`;
export const tableScriptOf = (table: string) => `${DATA_DIR}/table-${table}.js`;

export type Table = string[] | DefinesTable;

export interface RunData {
  /** Name of the run's key list. */
  keys: string;
  /** The counters, parallel to the key list, exact: packValues' text. */
  values: string;
  /** specializedInstructions, statsDefines, defines: names of shared tables, or null. */
  tables: [string | null, string | null, string | null];
  /** bench_runner's metadata block as stored (JSON text, key order and big integers kept). */
  metadata: string | null;
  pythonVersion: string | null;
  /** The report's bench_runner header ('' when it has none). */
  header: string;
}

export interface SiteData {
  keys: Record<string, string[]>;
  runs: Record<number, RunData>;
  tables: Record<string, Table>;
}

export const DATA_GLOBAL = 'PYSTATS_DATA';

/** A data script: adds `value` under `part[id]` of the global. */
export function dataScript(part: keyof SiteData, id: number | string, value: unknown): string {
  return `(self.${DATA_GLOBAL}||(self.${DATA_GLOBAL}={keys:{},runs:{},tables:{}})).${part}[${JSON.stringify(id)}]=${JSON.stringify(value)};\n`;
}

/**
 * A run's counters as its data script holds them: comma-separated, each in base 36 (exact
 * at any size, a third shorter than decimal), each run of N > 1 zeros written `*N` (a run's
 * counters are mostly zeros). From the decimal text the store's query gives.
 */
export function packValues(decimal: string): string {
  if (decimal === '') return '';
  let out = '';
  let zeros = 0;
  const put = (v: string) => {
    if (zeros === 1) out += '0,';
    else if (zeros > 1) out += `*${zeros},`;
    zeros = 0;
    out += `${v},`;
  };
  // A value of up to 15 digits is below 2^53: a double holds it exactly, and its base-36
  // digits are BigInt's (the common case; a BigInt costs ten times as much).
  for (let at = 0; at <= decimal.length;) {
    let end = decimal.indexOf(',', at);
    if (end < 0) end = decimal.length;
    const v = decimal.slice(at, end);
    at = end + 1;
    if (v === '0') zeros++;
    else put(v.length <= 15 ? Number(v).toString(36) : BigInt(v).toString(36));
  }
  if (zeros === 1) return `${out}0`;
  if (zeros > 1) return `${out}*${zeros}`;
  return out.slice(0, -1);
}

/** The counters of packValues' text, exact. */
export function unpackValues(packed: string): bigint[] {
  const values: bigint[] = [];
  if (packed === '') return values;
  for (const v of packed.split(',')) {
    if (v.startsWith('*')) {
      for (let n = Number(v.slice(1)); n > 0; n--) values.push(0n);
      continue;
    }
    // Chunks of 10 base-36 digits fit a double exactly (36^10 < 2^53).
    let x = 0n;
    for (let i = 0; i < v.length; i += 10) {
      const chunk = v.slice(i, i + 10);
      x = x * 36n ** BigInt(chunk.length) + BigInt(parseInt(chunk, 36));
    }
    values.push(x);
  }
  return values;
}

/** One run's RunStats from the loaded data scripts, as loadRunStats + withVersionTables give it. */
export function runStatsOf(data: SiteData, runId: number): RunStats {
  const run = data.runs[runId];
  if (!run) throw new Error(`the data of run ${runId} is not loaded`);
  const keys = data.keys[run.keys];
  if (!keys) throw new Error(`the key list of run ${runId} is not loaded`);
  const values = unpackValues(run.values);
  if (values.length !== keys.length) throw new Error(`run ${runId}: ${values.length} values for ${keys.length} keys`);
  const table = <T extends Table>(i: string | null) => (i === null ? null : (data.tables[i] as T));
  return {
    keys, values,
    specializedInstructions: table<string[]>(run.tables[0]),
    statsDefines: table<DefinesTable>(run.tables[1]),
    defines: table<DefinesTable>(run.tables[2]),
    metadata: parseRunExtras({ specializedInstructions: null, statsDefines: null, defines: null, metadata: run.metadata }).metadata,
  };
}

/**
 * Several runs summed as if their files were one directory, as run-counters.sql sums
 * them: a key's place is its first appearance, runs taken in the order given; the first
 * run's tables and metadata.
 */
export function summedStats(runs: RunStats[]): RunStats {
  if (runs.length === 1) return runs[0];
  const index = new Map<string, number>();
  const keys: string[] = [];
  const values: bigint[] = [];
  for (const r of runs) {
    r.keys.forEach((k, i) => {
      const at = index.get(k);
      if (at === undefined) {
        index.set(k, keys.length);
        keys.push(k);
        values.push(r.values[i]);
      } else {
        values[at] += r.values[i];
      }
    });
  }
  return { ...runs[0], keys, values };
}
