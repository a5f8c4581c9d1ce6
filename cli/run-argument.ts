/** A RUN argument: a run_id as `pystats runs` lists it. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { getRun } from '../pipeline/runs/read-runs.js';
import { UserError } from './user-error.js';

/** The run_id a RUN argument names (the one place RUN text is parsed). */
export function parseRunId(spec: string | number): number {
  const text = String(spec).trim();
  if (!/^\d+$/.test(text)) throw new UserError(`RUN must be a run_id (see 'pystats runs'), not ${JSON.stringify(text)}`);
  return Number(text);
}

export async function resolveRun(conn: DuckDBConnection, spec: string | number) {
  const runId = parseRunId(spec);
  const run = await getRun(conn, runId);
  if (!run) throw new UserError(`no run ${runId} in the store (see 'pystats runs')`);
  return run;
}
