/**
 * `pystats lake export`: the runs of a store (opened read-only) that a lake does not hold
 * yet, by content hash, written as one batch of Parquet files (layout.ts) with DuckDB's
 * COPY. Exporting again with nothing new writes nothing; an export killed at any point
 * leaves the lake as it was for every reader, and the next export cleans up after it.
 */
import { mkdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../store.js';
import { runSqlFile, sqlStatements } from '../../../sql-file.js';
import { listLake, newBatchId, PARTITIONED, type LakeDataset } from '../layout.js';
import { checkLakeFiles, parquetSource, sqlString } from '../read/read-lake.js';
import { cleanAbandoned, publish, startStaging } from './staging.js';
import { verifyLakeFiles } from '../manifest.js';
import { causeOf, makeDirs, StorePathError } from '../../file-errors.js';

export interface LakeExportOptions {
  /** Also export each process's counters (file_counters): per-file trends over the lake. */
  perFile: boolean;
}

export interface LakeExportResult {
  /** The batch written, null when the lake already held every run. */
  batch: string | null;
  runs: number;
  /** Runs of the store the lake already held. */
  present: number;
  parquetFiles: number;
  /** Batches of dead exports whose leftovers were removed. */
  cleaned: string[];
}

const SQL = 'pipeline/store/lake/export/sql';

/**
 * A hook for the kill -9 test: PYSTATS_TEST_PAUSE_LAKE_EXPORT=<step> makes the export
 * stop at that step (staged: every file written under _staging; before-runs: all but the
 * runs file published) and wait to be killed.
 */
function step(name: string): void {
  if (process.env.PYSTATS_TEST_PAUSE_LAKE_EXPORT !== name) return;
  writeSync(2, `lake export: paused at ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

export async function exportLake(store: Store, lakeDir: string, opts: LakeExportOptions): Promise<LakeExportResult> {
  try {
    return await exportInto(store, lakeDir, opts);
  } catch (err) {
    // The file system refused a write of ours (full disk, permissions): said as such.
    const e = err as NodeJS.ErrnoException;
    if (typeof e?.code === 'string' && typeof e.syscall === 'string') {
      throw new StorePathError(`cannot write to the lake ${lakeDir}: ${e.path ?? ''}: ${causeOf(e)}; no batch was committed`);
    }
    throw err;
  }
}

async function exportInto(store: Store, lakeDir: string, opts: LakeExportOptions): Promise<LakeExportResult> {
  makeDirs(lakeDir);
  const cleaned = cleanAbandoned(lakeDir);
  const lake = listLake(lakeDir, true);
  // Only the runs files are read here (which runs the lake holds): they are checked.
  await verifyLakeFiles(lakeDir, lake.batches, lake.runs, false);
  await checkLakeFiles(store.conn, lake);
  const conn = store.conn;
  await conn.run(`CREATE OR REPLACE TEMP TABLE export_lake_has AS SELECT DISTINCT content_hash FROM ${parquetSource('runs', lake.runs)}`);
  const batch = newBatchId();
  await runSqlFile(conn, `${SQL}/export-runs.sql`, { batch });
  const [[total, fresh]] = (await conn.runAndReadAll('SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM export_runs)')).getRows();
  const runs = Number(fresh);
  const present = Number(total) - runs;
  if (runs === 0) return { batch: null, runs, present, parquetFiles: 0, cleaned };

  const staging = startStaging(lakeDir, batch);
  const datasets: Array<[LakeDataset, string]> = [
    ['run_counters', 'run-counters.sql'], ['files', 'files.sql'], ['keys', 'keys.sql'], ['runs', 'runs.sql'],
  ];
  if (opts.perFile) datasets.unshift(['file_counters', 'file-counters.sql']);
  try {
    for (const [ds, file] of datasets) {
      mkdirSync(join(staging, ds), { recursive: true });
      await conn.run(copyStatement(ds, `${SQL}/${file}`, staging, batch));
    }
  } catch (err) {
    // Nothing was published: the staged files are all there is to undo.
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  step('staged');
  const written = publish(lakeDir, staging, batch, step);
  return { batch, runs, present, parquetFiles: written, cleaned };
}

/**
 * COPY of a dataset's query into the staging directory. The target cannot be a bound
 * parameter in DuckDB's COPY, so it is written as a quoted SQL literal (sqlString); the
 * batch id in the file names is ours (digits, letters, '-').
 */
function copyStatement(ds: LakeDataset, sqlFile: string, staging: string, batch: string): string {
  const [query] = sqlStatements(sqlFile);
  if ((PARTITIONED as readonly string[]).includes(ds)) {
    return `COPY (${query}\n) TO ${sqlString(join(staging, ds))} ` +
      `(FORMAT parquet, PARTITION_BY (fork, month), OVERWRITE_OR_IGNORE, FILENAME_PATTERN ${sqlString(`${batch}_{i}`)})`;
  }
  return `COPY (${query}\n) TO ${sqlString(join(staging, ds, `${batch}.parquet`))} (FORMAT parquet)`;
}
