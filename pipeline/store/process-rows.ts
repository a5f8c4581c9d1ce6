/**
 * Which raw runs have no per-process rows: `pystats ingest` keeps them only with
 * --per-file (storing 2.9 M rows for a 2,000-file run costs more than parsing it). The
 * commands that read them (trend --per-file, lake export --per-file, sql over
 * file_counters and the views on it) name such runs instead of leaving their rows out
 * without a word.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';

export interface RunWithoutProcessRows {
  runId: number;
  path: string;
}

export async function runsWithoutProcessRows(conn: DuckDBConnection): Promise<RunWithoutProcessRows[]> {
  const rows = await runSqlFile(conn, 'pipeline/store/sql/runs-without-process-rows.sql');
  return rows.map(([id, path]) => ({ runId: Number(id), path: String(path) }));
}

/**
 * One line for a command's stderr about `runs` (those of its selection without rows), or
 * null when there are none. `what`: what the command leaves them out of.
 */
export function missingProcessRowsNote(runs: readonly RunWithoutProcessRows[], what: string): string | null {
  if (runs.length === 0) return null;
  const shown = runs.slice(0, 3).map((r) => `run ${r.runId} (${r.path})`).join(', ');
  const more = runs.length > 3 ? ` and ${runs.length - 3} more` : '';
  const fix = runs.length === 1 ? `pystats ingest --per-file --replace ${runs[0].path}` : 'pystats ingest --per-file --replace DIR';
  return `note: ${shown}${more} ${runs.length === 1 ? 'has' : 'have'} no per-process rows ` +
    `(ingest keeps them only with --per-file; a lake, only if exported with it too): ${what}; \`${fix}\` stores them`;
}
