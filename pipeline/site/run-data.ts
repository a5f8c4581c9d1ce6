/**
 * Writes the data scripts of the site's report pages (report-data.ts says what they hold):
 * the selected runs' counters read by one query per batch, each distinct key list and
 * metadata table written once, in a file named by its content (keys-<hash>.js,
 * table-<hash>.js), so that a run's script never depends on which other runs the site has.
 * The reports themselves are rendered in the browser.
 *
 * Incremental: a run's script is stamped with what it is made from (the run's content
 * hash, ingestion day, identity and the per-benchmark runs of its commit, which its
 * header's links line names); a rebuild whose stamp matches keeps the script, and the key
 * list and tables it needs, without reading the run's counters again.
 */
import { hash } from 'node:crypto';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { runJsonSqlFile, runSqlFile } from '../sql-file.js';
import { parseRunExtras } from '../runs/run-extras.js';
import type { StoredRun } from '../runs/read-runs.js';
import { withVersionTables } from '../report/version-tables.js';
import { oneRunHeader } from '../report/stored-report.js';
import { dataScript, dataScriptOf, keysScriptOf, packValues, tableScriptOf, type RunData, type Table } from './report-data.js';
import type { SiteWriter } from './site-writer.js';

/** Changes when the data scripts' format or content rules change: every script is made again. */
const DATA_FORMAT = 'run-data 4';

export interface WrittenRun {
  /** YYYY-MM-DD the run was ingested. */
  ingestedDay: string;
  /** The data scripts a page showing this run's counters loads, from the site root. */
  scripts: string[];
}

/** What the manifest keeps of a run's script: [ingestion day, key list, three tables or null]. */
type MetaEntry = [string, string, string | null, string | null, string | null];

function writtenRun(runId: number, meta: unknown): WrittenRun | null {
  if (!Array.isArray(meta) || meta.length !== 5 || typeof meta[0] !== 'string' || typeof meta[1] !== 'string') return null;
  const [day, keys, ...tables] = meta as MetaEntry;
  return {
    ingestedDay: day,
    scripts: [keysScriptOf(keys), ...tables.filter((t): t is string => typeof t === 'string').map(tableScriptOf), dataScriptOf(runId)],
  };
}

const shortHash = (text: string) => hash('sha256', text, 'hex').slice(0, 16);

/** Runs looked over between two yields to the other work of the build (a few ms of it). */
const REVIEW_SLICE = 250;

/**
 * Which runs' scripts the previous build left as they are to be (kept, with the shared
 * scripts they name), and which runs' are to be made (writeRunData). The stamps are read
 * first; then `lookOver()` goes through the runs a slice at a time, yielding in between,
 * and asks nothing of DuckDB: a site build runs it while its trends wait on their queries
 * (at 20,000 runs it is a third of a second of the main thread's).
 */
export class RunDataReview {
  readonly written = new Map<number, WrittenRun>();
  readonly todo: StoredRun[] = [];
  readonly shared = new Set<string>();

  private constructor(
    private readonly runs: readonly StoredRun[], private readonly out: SiteWriter,
    readonly benchmarks: Map<string, string[]>, private readonly stamps: Map<number, { stamp: string; day: string }>,
  ) {}

  static async start(conn: DuckDBConnection, runs: readonly StoredRun[], out: SiteWriter): Promise<RunDataReview> {
    const benchmarks = await benchmarksByCommit(conn);
    const stamps = new Map<number, { stamp: string; day: string }>();
    for (const [id, contentHash, day] of await runJsonSqlFile(conn, 'pipeline/site/sql/site-run-stamps.sql')) {
      stamps.set(Number(id), { stamp: String(contentHash), day: String(day) });
    }
    return new RunDataReview(runs, out, benchmarks, stamps);
  }

  stampOf(run: StoredRun): string {
    const st = this.stamps.get(run.runId);
    return shortHash(JSON.stringify([
      DATA_FORMAT, st?.stamp, st?.day, run.fork, run.ref, run.commitHash, run.commitDate, run.pythonVersion, run.benchmark,
      run.flags, run.sourceKind, run.sourcePath, run.benchmark === 'all' ? this.benchmarks.get(commitKey(run)) ?? [] : [],
    ]));
  }

  async lookOver(): Promise<void> {
    const { out, shared } = this;
    for (let i = 0; i < this.runs.length; i++) {
      if (i % REVIEW_SLICE === REVIEW_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      const run = this.runs[i];
      const path = dataScriptOf(run.runId);
      const prev = out.previous(path);
      const meta = prev ? writtenRun(run.runId, prev.m) : null;
      const stamp = this.stampOf(run);
      // The shared scripts it names must still be there too.
      if (prev && meta && prev.s === stamp && meta.scripts.every((s) => s === path || shared.has(s) || out.previous(s))) {
        out.reuse(path, stamp);
        for (const s of meta.scripts) {
          if (s !== path && !shared.has(s)) {
            out.reuse(s, '');
            shared.add(s);
          }
        }
        this.written.set(run.runId, meta);
      } else {
        this.todo.push(run);
      }
    }
  }
}

/** The scripts of the runs `review` (looked over) left to make; returns every run's, kept or made. */
export async function writeRunData(conn: DuckDBConnection, review: RunDataReview, out: SiteWriter): Promise<Map<number, WrittenRun>> {
  const { written, todo, shared, benchmarks } = review;
  const stampOf = (run: StoredRun) => review.stampOf(run);
  if (todo.length === 0) return written;
  const names = new Map((await runSqlFile(conn, 'pipeline/site/sql/key-names.sql')).map((r) => [Number(r[0]), r[1] as string]));
  const byId = new Map(todo.map((r) => [r.runId, r]));
  const keyLists = new Map<string, { name: string; keys: string[] }>();
  const share = (path: string, text: string) => {
    if (shared.has(path)) return;
    out.write(path, text, { stamp: '' });
    shared.add(path);
  };
  const tableName = (t: Table | null): string | null => {
    if (t === null) return null;
    const text = JSON.stringify(t);
    const name = shortHash(text);
    share(tableScriptOf(name), dataScript('tables', name, t));
    return name;
  };
  // Runs share their tables' texts (a configuration's runs, a version's bundled tables):
  // each distinct text is parsed, encoded and hashed once.
  const tableNames = new Map<string, RunData['tables']>();
  const tablesOf = (run: StoredRun, list: { name: string; keys: string[] }, si: string | null, statsDefines: string | null, defines: string | null) => {
    const key = [si, statsDefines, defines, run.pythonVersion, list.name].map((v) => (v === null ? '-' : `+${v}`)).join('\u0000');
    let tables = tableNames.get(key);
    if (tables === undefined) {
      // The tables a raw run lacks come from the version's bundled ones, as for `pystats report`
      // (the key list is only read when the run's Python version is unknown).
      const stats = withVersionTables({
        keys: list.keys,
        values: [],
        ...parseRunExtras({ specializedInstructions: si, statsDefines, defines, metadata: null }),
      }, run.pythonVersion);
      tables = [tableName(stats.specializedInstructions), tableName(stats.statsDefines), tableName(stats.defines)];
      tableNames.set(key, tables);
    }
    return tables;
  };
  for await (const [id, day, si, statsDefines, defines, metadata, keyIds, values] of runDataRows(conn, todo)) {
    const run = byId.get(Number(id))!;
    let list = keyLists.get(keyIds as string);
    if (list === undefined) {
      const keys = keyListOf(keyIds as string, names);
      list = { name: shortHash(JSON.stringify(keys)), keys };
      keyLists.set(keyIds as string, list);
    }
    share(keysScriptOf(list.name), dataScript('keys', list.name, list.keys));
    const tables = tablesOf(run, list, si as string | null, statsDefines as string | null, defines as string | null);
    const data: RunData = {
      keys: list.name,
      values: packValues(values as string),
      tables,
      metadata: metadata as string | null,
      pythonVersion: run.pythonVersion,
      header: oneRunHeader(run, metadata as string | null, benchmarks.get(commitKey(run)) ?? []),
    };
    const path = dataScriptOf(run.runId);
    const compact: MetaEntry = [day as string, list.name, ...tables];
    await out.writeSoon(path, dataScript('runs', run.runId, data), { stamp: stampOf(run), meta: compact });
    written.set(run.runId, writtenRun(run.runId, compact)!);
  }
  await out.settle();
  return written;
}

/**
 * The rows of site-run-data.sql, a batch of runs per query: joining a run's counters into
 * text holds them all in DuckDB's memory (the store's limit is 256 MB; 1,000 runs of 5,000
 * counters do not fit at once, 100 do). A batch is a range of run ids, so that DuckDB
 * reads only the row groups of those runs. The next batch's query runs while the caller
 * encodes and writes this one's (the connection runs one query at a time: the caller
 * runs none meanwhile).
 */
async function* runDataRows(conn: DuckDBConnection, runs: readonly StoredRun[]) {
  const sorted = runs.map((r) => r.runId).sort((a, b) => a - b);
  const batch = (i: number) => {
    const ids = sorted.slice(i, i + RUNS_PER_QUERY);
    return runSqlFile(conn, 'pipeline/site/sql/site-run-data.sql', { run_ids: listValue(ids), first: ids[0], last: ids[ids.length - 1] });
  };
  let next: ReturnType<typeof batch> | null = batch(0);
  try {
    for (let i = 0; next !== null; i += RUNS_PER_QUERY) {
      const rows = await next;
      next = i + RUNS_PER_QUERY < sorted.length ? batch(i + RUNS_PER_QUERY) : null;
      yield* rows;
    }
  } finally {
    // Stopped early (a file that cannot be written): the connection is left idle.
    await next?.catch(() => undefined);
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
  for (const [commitHash, fork, flags, benchmark] of await runJsonSqlFile(conn, 'pipeline/site/sql/benchmarked-runs.sql')) {
    const key = commitKey({ commitHash: commitHash as string, fork: fork as string, flags: flags as string });
    // Pushed, not spread into a new list each time: 90 benchmarks a commit at archive scale.
    const list = map.get(key);
    if (list) list.push(benchmark as string);
    else map.set(key, [benchmark as string]);
  }
  return map;
}
