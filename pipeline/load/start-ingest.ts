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
  /**
   * Whether the store may hold some of these runs already (it exists, and --replace is not
   * given): then each worker gets one job until the store is open and says which (a re-ingest
   * of an unchanged run costs about what it did before parsing started early); else the
   * workers parse ahead as far as they would anyway.
   */
  mayHoldRuns: boolean;
  onWarning?: (message: string) => void;
}

export async function startIngest(paths: string[], pool: ParsePool, opts: StartIngestOptions): Promise<StartedIngest> {
  const sources = await discoverInputs(paths, { orderFile: opts.orderFile, onWarning: opts.onWarning });
  mark(`load: ${sources.length} runs found`);
  // Parsing starts first. The fingerprints (a stat of every file) are needed once the store
  // is open, to leave out the runs it holds: taken while the workers parse. A new store
  // holds none: the workers' stats of the files as read make them (fingerprintAsRead).
  const plans = sources.map((source) => planRun(source, 'when-read'));
  const parse = startParsing(pool, plans, {
    ...ingestJobOptions(opts.rowMode, true), earlyWindow: opts.mayHoldRuns ? pool.size : undefined,
  });
  if (opts.mayHoldRuns) for (const plan of plans) plan.fingerprint = fingerprintOf(plan);
  mark('load: runs planned (stats, fingerprints)');
  return { sources, parse };
}
