/**
 * Reading runs back out of the store: listing with filters, and one run's (or a
 * selection's summed) counters as the exporters' RunStats.
 */
import { listValue, type DuckDBBlobValue, type DuckDBConnection } from '@duckdb/node-api';
import { blobText } from '../blob-text.js';
import { runJsonSqlFile, runSqlFile } from '../sql-file.js';
import type { RunIdentity } from './run-identity.js';
import type { RunStats } from '../../schemas/run-stats.js';
import { parseRunExtras, type RunExtras } from './run-extras.js';

export interface RunFilters {
  fork?: string | null;
  ref?: string | null;
  benchmark?: string | null;
  machine?: string | null;
  flags?: string | null;
  pythonVersion?: string | null;
  commit?: string | null;
  commitDate?: string | null;
  since?: string | null;
  until?: string | null;
}

/** A run as stored: its identity (flags as the comma-joined column) and where it came from. */
export interface StoredRun extends Omit<RunIdentity, 'flags'> {
  runId: number;
  flags: string | null;
  nFiles: number;
  sourceKind: 'raw' | 'json';
  sourcePath: string;
}

export const RUN_COLUMNS = [
  'run_id', 'fork', 'ref', 'commit_hash', 'commit_date', 'python_version', 'machine', 'nickname',
  'benchmark', 'flags', 'n_files', 'source_kind', 'source_path',
] as const;

export async function listRuns(conn: DuckDBConnection, f: RunFilters = {}): Promise<StoredRun[]> {
  const rows = await runJsonSqlFile(conn, 'pipeline/runs/sql/list-runs.sql', {
    fork: f.fork ?? null, ref: f.ref ?? null, benchmark: f.benchmark ?? null, machine: f.machine ?? null,
    flags: f.flags ?? null, python_version: f.pythonVersion ?? null, commit: f.commit ?? null,
    commit_date: f.commitDate ?? null, since: f.since ?? null, until: f.until ?? null,
  });
  return rows.map(toStoredRun);
}

export async function getRun(conn: DuckDBConnection, runId: number): Promise<(StoredRun & { extras: RunExtras }) | null> {
  const rows = await runSqlFile(conn, 'pipeline/runs/sql/run-metadata.sql', { run_id: runId });
  if (rows.length === 0) return null;
  const r = rows[0];
  return { ...toStoredRun(r), extras: { specializedInstructions: r[13] as string | null, statsDefines: r[14] as string | null, defines: r[15] as string | null, metadata: r[16] as string | null } };
}

/**
 * The counters of one run, or the sum of several (first run's metadata tables), with
 * the metadata summarize_stats.py would append as far as the input carried it.
 */
export async function loadRunStats(conn: DuckDBConnection, runIds: number[]): Promise<RunStats> {
  if (runIds.length === 0) throw new Error('no runs selected');
  const first = await getRun(conn, runIds[0]);
  if (!first) throw new Error(`no run ${runIds[0]} in the store`);
  const rows = runIds.length === 1
    ? await runSqlFile(conn, 'pipeline/runs/sql/run-counters-one.sql', { run_id: runIds[0] })
    : await runSqlFile(conn, 'pipeline/runs/sql/run-counters.sql', { run_ids: listValue(runIds) });
  return {
    keys: rows.map((r) => blobText(r[0] as DuckDBBlobValue)),
    values: rows.map((r) => r[1] as bigint),
    ...parseRunExtras(first.extras),
  };
}

function toStoredRun(r: readonly unknown[]): StoredRun {
  return {
    runId: Number(r[0]), fork: r[1] as string | null, ref: r[2] as string | null, commitHash: r[3] as string | null,
    commitDate: r[4] as string | null, pythonVersion: r[5] as string | null, machine: r[6] as string | null,
    nickname: r[7] as string | null, benchmark: r[8] as string | null, flags: r[9] as string | null,
    nFiles: Number(r[10]), sourceKind: r[11] as 'raw' | 'json', sourcePath: r[12] as string,
  };
}
