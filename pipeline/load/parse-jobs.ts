/**
 * Runs cut into parse jobs and handed to the pool. Kept apart from the loader (and
 * free of DuckDB and Arrow imports) so parsing can start before those have loaded.
 */
import type { ParsePool } from './worker-pool.js';
import type { RunPlan } from './run-plan.js';
import type { ParseJob, ParseResult, RowMode } from '../../workers/protocol.js';

/** One run's share of a job: its files `fileOffset`… of the job, from `firstFileIndex` of the run. */
export interface JobPart {
  plan: RunPlan;
  firstFileIndex: number;
  last: boolean;
  fileOffset: number;
  fileCount: number;
}

export interface JobInfo {
  parts: JobPart[];
}

export interface StartedParse {
  plans: RunPlan[];
  info: Map<number, JobInfo>;
  results: AsyncIterable<ParseResult>;
}

export interface JobOptions {
  mode: RowMode;
  /** The mode of raw runs' jobs, when not `mode` (an ingest without per-file rows: 'sums'). */
  rawMode?: RowMode;
  filesPerJob: number;
  hashContent: boolean;
  /** Jobs dispatched ahead of the consumer (default: the pool's). */
  window?: number;
}

export function startParsing(pool: ParsePool, plans: RunPlan[], opts: JobOptions): StartedParse {
  const list: ParseJob[] = [];
  const info = new Map<number, JobInfo>();
  let jobId = 0;
  // Small JSON runs share a job (per-file rows only: in sums mode a job's files are summed
  // together): a job is a message each way and a batch to decode, worth more than a run.
  let shared: { job: ParseJob; info: JobInfo } | null = null;
  for (const plan of plans) {
    if (opts.mode === 'files' && plan.source.kind === 'json' && plan.files.length === 1) {
      if (!shared || shared.job.files.length >= opts.filesPerJob) {
        shared = { job: { jobId: jobId++, mode: opts.mode, hashContent: opts.hashContent, files: [] }, info: { parts: [] } };
        info.set(shared.job.jobId, shared.info);
        list.push(shared.job);
      }
      shared.info.parts.push({ plan, firstFileIndex: 0, last: true, fileOffset: shared.job.files.length, fileCount: 1 });
      shared.job.files.push(plan.files[0]);
      continue;
    }
    shared = null;
    const mode = plan.source.kind === 'raw' ? opts.rawMode ?? opts.mode : opts.mode;
    // An empty directory is still a run (no files, no counters): one empty job carries it.
    const n = Math.max(plan.files.length, 1);
    // Contiguous slices of each run's files: contiguity is what keeps key order exact.
    for (let start = 0; start < n; start += opts.filesPerJob) {
      const files = plan.files.slice(start, start + opts.filesPerJob);
      const last = start + opts.filesPerJob >= n;
      info.set(jobId, { parts: [{ plan, firstFileIndex: start, last, fileOffset: 0, fileCount: files.length }] });
      list.push({ jobId: jobId++, mode, hashContent: opts.hashContent, files });
    }
  }
  return { plans, info, results: pool.map(list, opts.window) };
}
