/**
 * The first half of `pystats ingest`, light on imports (no DuckDB, no Arrow): find the
 * runs, plan them (fingerprints) and start the parse workers on them, so they parse while
 * the command loads DuckDB and opens the store, as summarize does (summarize/start.ts).
 * ingestSources then drops the runs the store already holds: the few jobs of theirs made
 * meanwhile are parsed for nothing, the rest never made (parse-jobs.ts).
 */
import { discoverInputs } from '../discover/discover-inputs.js';
import type { RunSource } from '../discover/raw-dir.js';
import { fingerprintOf, planRun } from './run-plan.js';
import { ingestJobOptions, startParsing, type StartedParse } from './parse-jobs.js';
import type { ParsePool } from './worker-pool.js';
import type { RowMode } from '../../workers/protocol.js';
import { mark } from '../timing.js';

export interface StartedIngest {
  sources: RunSource[];
  parse: StartedParse;
}

export interface StartIngestOptions {
  orderFile?: string | null;
  rowMode: RowMode;
  onWarning?: (message: string) => void;
}

export async function startIngest(paths: string[], pool: ParsePool, opts: StartIngestOptions): Promise<StartedIngest> {
  const sources = await discoverInputs(paths, { orderFile: opts.orderFile, onWarning: opts.onWarning });
  mark(`load: ${sources.length} runs found`);
  // Parsing starts first; the fingerprints (a stat of every file) are only needed once the
  // store is open, and are taken while the workers parse.
  const plans = sources.map((source) => planRun(source, false));
  // One job a worker until the store is open: what a run found stored then costs.
  const parse = startParsing(pool, plans, { ...ingestJobOptions(opts.rowMode, true), earlyWindow: pool.size });
  for (const plan of plans) plan.fingerprint = fingerprintOf(plan);
  mark('load: runs planned (stats, fingerprints)');
  return { sources, parse };
}
