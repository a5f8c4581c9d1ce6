/** A RUN argument: a run_id as `pystats runs` lists it. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { getRun } from '../pipeline/runs/read-runs.js';
import { UserError } from './user-error.js';

export async function resolveRun(conn: DuckDBConnection, spec: string | number) {
  const text = String(spec).trim();
  if (!/^\d+$/.test(text)) throw new UserError(`RUN must be a run_id (see 'pystats runs'), not ${JSON.stringify(text)}`);
  const run = await getRun(conn, Number(text));
  if (!run) throw new UserError(`no run ${text} in the store (see 'pystats runs')`);
  return run;
}
