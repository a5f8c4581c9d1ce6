/**
 * Runs cut into parse jobs and handed to the pool. Kept apart from the loader (and
 * free of DuckDB and Arrow imports) so parsing can start before those have loaded.
 */
import type { ParsePool } from './worker-pool.js';
import type { RunPlan } from './run-plan.js';
import type { ParseJob, ParseResult, RowMode } from '../../workers/protocol.js';

export interface JobInfo {
  plan: RunPlan;
  firstFileIndex: number;
  last: boolean;
}

export interface StartedParse {
  plans: RunPlan[];
  info: Map<number, JobInfo>;
  results: AsyncIterable<ParseResult>;
}

export interface JobOptions {
  mode: RowMode;
  filesPerJob: number;
  hashContent: boolean;
  /** Jobs dispatched ahead of the consumer (default: the pool's). */
  window?: number;
}

export function startParsing(pool: ParsePool, plans: RunPlan[], opts: JobOptions): StartedParse {
  const list: ParseJob[] = [];
  const info = new Map<number, JobInfo>();
  let jobId = 0;
  for (const plan of plans) {
    // An empty directory is still a run (no files, no counters): one empty job carries it.
    const n = Math.max(plan.files.length, 1);
    // Contiguous slices of each run's files: contiguity is what keeps key order exact.
    for (let start = 0; start < n; start += opts.filesPerJob) {
      const files = plan.files.slice(start, start + opts.filesPerJob);
      info.set(jobId, { plan, firstFileIndex: start, last: start + opts.filesPerJob >= n });
      list.push({ jobId: jobId++, mode: opts.mode, hashContent: opts.hashContent, files });
    }
  }
  return { plans, info, results: pool.map(list, opts.window) };
}
