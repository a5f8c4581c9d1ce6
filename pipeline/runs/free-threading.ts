/**
 * Free-threaded builds, recognised by their content: a run whose counters include the
 * `free_threading` family of key_parts (Mutex sleeps, QSBR polls, World stops) was made by
 * a free-threaded (Py_GIL_DISABLED) CPython, whatever its flags say.
 *
 * Those three counters were merged across threads by assignment (merge_ft_stats in
 * Python/pystats.c: `dest->mutex_sleeps = src->mutex_sleeps`), so a run holds only the
 * last merged thread's counts. python/cpython PR #155069 (gh-154969) makes the merge add;
 * it was still open when this was written (its stored copy, 2026-08-02), so no build is
 * known to have the fix: every such run gets the caveat. When the PR is merged, set
 * FT_MERGE_FIXED_SINCE to its merge commit's date; runs of later commits lose the caveat.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';

export const FT_MERGE_FIXED_SINCE: string | null = null;

export const FT_MERGE_CAVEAT =
  "free-threaded counters (Mutex sleeps, QSBR polls, World stops) hold only the last thread's count: " +
  'per-thread merge by assignment before python/cpython PR #155069';

export interface FreeThreadedRun {
  runId: number;
  /** The caveat of this run's build, or null when its commit is known to have the fix. */
  caveat: string | null;
}

/** The stored runs (all, or those of `runIds`) that carry free-threaded counters, by run_id. */
export async function freeThreadedRuns(conn: DuckDBConnection, runIds: number[] | null = null): Promise<Map<number, FreeThreadedRun>> {
  const rows = await runSqlFile(conn, 'pipeline/runs/sql/free-threaded-runs.sql', {
    run_ids: runIds === null ? null : listValue(runIds),
  });
  const out = new Map<number, FreeThreadedRun>();
  for (const [id, commitDate] of rows) {
    const runId = Number(id);
    out.set(runId, { runId, caveat: hasMergeBug(commitDate as string | null) ? FT_MERGE_CAVEAT : null });
  }
  return out;
}

/** Before the fix, or of an unknown commit date: the counters are the last thread's. */
export function hasMergeBug(commitDate: string | null): boolean {
  if (FT_MERGE_FIXED_SINCE === null || !commitDate) return true;
  return Date.parse(commitDate) < Date.parse(FT_MERGE_FIXED_SINCE);
}
