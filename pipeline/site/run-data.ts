/**
 * Writes the data scripts of the site's report pages (report-data.ts says what they hold):
 * every selected run's counters read by one query, each distinct key list and metadata
 * table written once. The reports themselves are rendered in the browser.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';
import { parseRunExtras } from '../runs/run-extras.js';
import type { StoredRun } from '../runs/read-runs.js';
import { withVersionTables } from '../report/version-tables.js';
import { reportHeader } from '../report/stored-report.js';
import { dataScript, dataScriptOf, keysScriptOf, TABLES_SCRIPT, type RunData, type Table } from './report-data.js';

export interface WrittenRun {
  /** YYYY-MM-DD the run was ingested. */
  ingestedDay: string;
  /** The data scripts a page showing this run's counters loads, from the site root. */
  scripts: string[];
}

export async function writeRunData(
  conn: DuckDBConnection, runs: readonly StoredRun[], write: (path: string, text: string) => void,
): Promise<Map<number, WrittenRun>> {
  const names = new Map((await runSqlFile(conn, 'pipeline/site/sql/key-names.sql')).map((r) => [Number(r[0]), r[1] as string]));
  const benchmarks = await benchmarksByCommit(conn);
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const keyLists = new Map<string, { index: number; keys: string[] }>();
  const tables = new Map<string, number>();
  const tableIndex = (t: Table | null): number | null => {
    if (t === null) return null;
    const text = JSON.stringify(t);
    let i = tables.get(text);
    if (i === undefined) tables.set(text, (i = tables.size));
    return i;
  };
  const written = new Map<number, WrittenRun>();
  for await (const [id, day, si, statsDefines, defines, metadata, keyIds, values] of runDataRows(conn, runs)) {
    const run = byId.get(Number(id))!;
    let list = keyLists.get(keyIds as string);
    if (list === undefined) {
      list = { index: keyLists.size, keys: keyListOf(keyIds as string, names) };
      keyLists.set(keyIds as string, list);
      write(keysScriptOf(list.index), dataScript('keys', list.index, list.keys));
    }
    // The tables a raw run lacks come from the version's bundled ones, as for `pystats report`
    // (the key list is only read when the run's Python version is unknown).
    const stats = withVersionTables({
      keys: list.keys,
      values: [],
      ...parseRunExtras({ specializedInstructions: si as string | null, statsDefines: statsDefines as string | null, defines: defines as string | null, metadata: null }),
    }, run.pythonVersion);
    const data: RunData = {
      keys: list.index,
      values: values as string,
      tables: [tableIndex(stats.specializedInstructions), tableIndex(stats.statsDefines), tableIndex(stats.defines)],
      metadata: metadata as string | null,
      pythonVersion: run.pythonVersion,
      header: await reportHeader(conn, [run], { date: '', benchmarks: benchmarks.get(commitKey(run)) ?? [] }),
    };
    write(dataScriptOf(run.runId), dataScript('runs', run.runId, data));
    written.set(run.runId, { ingestedDay: day as string, scripts: [keysScriptOf(list.index), dataScriptOf(run.runId)] });
  }
  write(TABLES_SCRIPT, [...tables.keys()].map((text, i) => dataScript('tables', i, JSON.parse(text))).join(''));
  return written;
}

/**
 * The rows of site-run-data.sql, a batch of runs per query: joining a run's counters into
 * text holds them all in DuckDB's memory (the store's limit is 256 MB; 1,000 runs of 5,000
 * counters do not fit at once, 100 do). A batch is a range of run ids, so that DuckDB
 * reads only the row groups of those runs.
 */
async function* runDataRows(conn: DuckDBConnection, runs: readonly StoredRun[]) {
  const sorted = runs.map((r) => r.runId).sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += RUNS_PER_QUERY) {
    const ids = sorted.slice(i, i + RUNS_PER_QUERY);
    yield* await runSqlFile(conn, 'pipeline/site/sql/site-run-data.sql', { run_ids: listValue(ids), first: ids[0], last: ids[ids.length - 1] });
  }
}

const RUNS_PER_QUERY = 100;

function keyListOf(keyIds: string, names: ReadonlyMap<number, string>): string[] {
  return keyIds === '' ? [] : keyIds.split(',').map((k) => names.get(Number(k))!);
}

function commitKey(r: { commitHash: string | null; fork: string | null; flags: string | null }): string {
  return JSON.stringify([r.commitHash, r.fork ?? '', r.flags ?? '']);
}

/** The per-benchmark runs of every commit (fork, flags): each aggregated report's links line. */
async function benchmarksByCommit(conn: DuckDBConnection): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const [commitHash, fork, flags, benchmark] of await runSqlFile(conn, 'pipeline/site/sql/benchmarked-runs.sql')) {
    const key = commitKey({ commitHash: commitHash as string, fork: fork as string, flags: flags as string });
    map.set(key, [...(map.get(key) ?? []), benchmark as string]);
  }
  return map;
}
