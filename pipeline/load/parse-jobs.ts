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
  /**
   * Runs not to parse after all (an ingest that started parsing before it could read the
   * store's fingerprints: the ones found stored). Jobs are made as the window frees, so a
   * run added here is parsed only if its jobs were made before; their results are dropped.
   */
  skip: Set<RunPlan>;
  /**
   * Called once `skip` is final: the window widens from the early one (JobOptions.earlyWindow)
   * to the full one as the results are read.
   */
  settle(): void;
}

export interface JobOptions {
  mode: RowMode;
  /** The mode of raw runs' jobs, when not `mode` (an ingest without per-file rows: 'sums'). */
  rawMode?: RowMode;
  filesPerJob: number;
  /**
   * Single-file JSON runs sharing a job: how many a job holds once each worker has had
   * two jobs (those hold `filesPerJob`, so the first results come soon, and a re-ingest
   * that parses before the store says what it holds parses few for nothing). Default:
   * `filesPerJob`. Each job is a message each way, a batch to decode and its reports to
   * copy on the main thread, which is an archive ingest's critical path.
   */
  jsonFilesPerJob?: number;
  /**
   * Raw runs in sums mode: at least enough files a job for `sumsJobsPerWorker` jobs a
   * worker per run. Each result costs the main thread a share of work on the cores the
   * workers parse on, and a sums job's result is small whatever its files (summarize/start.ts
   * measured 32 files a job against a few large jobs: 0.45 s against 0.37 s on 2,000 files).
   */
  sumsJobsPerWorker?: number;
  hashContent: boolean;
  /** Jobs dispatched ahead of the consumer (default: the pool's). */
  window?: number;
  /**
   * Jobs dispatched ahead until settle(): parsing that starts before the store says which
   * runs it holds parses at most this many jobs of runs it then drops.
   */
  earlyWindow?: number;
}

/**
 * How an ingest cuts runs into jobs: a raw run's in `rawMode`, a few large jobs a worker
 * in sums mode; JSON runs' stay per-file, since small ones share a job and their rows are
 * their sums anyway.
 */
export function ingestJobOptions(rawMode: RowMode, hashContent: boolean, filesPerJob = 32): JobOptions {
  return { mode: 'files', rawMode, filesPerJob, jsonFilesPerJob: 4 * filesPerJob, hashContent, sumsJobsPerWorker: 4 };
}

export function startParsing(pool: ParsePool, plans: RunPlan[], opts: JobOptions): StartedParse {
  const info = new Map<number, JobInfo>();
  const skip = new Set<RunPlan>();
  const full = opts.window ?? pool.defaultWindow();
  let settled = opts.earlyWindow === undefined;
  const window = () => (settled ? full : opts.earlyWindow!);
  return {
    plans, info, skip, settle: () => void (settled = true),
    results: pool.map(jobsOf(plans, opts, pool.size, info, skip), window),
  };
}

/** The jobs of `plans` in order, made one at a time as the pool asks for them. */
function* jobsOf(plans: RunPlan[], opts: JobOptions, workers: number, info: Map<number, JobInfo>, skip: Set<RunPlan>): Generator<ParseJob> {
  let jobId = 0;
  // Small JSON runs share a job (per-file rows only: in sums mode a job's files are summed
  // together): a job is a message each way and a batch to decode, worth more than a run.
  let shared: { job: ParseJob; info: JobInfo } | null = null;
  const sharedLimit = () => (jobId <= 2 * workers ? opts.filesPerJob : opts.jsonFilesPerJob ?? opts.filesPerJob);
  for (const plan of plans) {
    if (skip.has(plan)) continue;
    if (opts.mode === 'files' && plan.source.kind === 'json' && plan.files.length === 1) {
      if (shared && shared.job.files.length >= sharedLimit()) {
        yield shared.job;
        shared = null;
      }
      if (!shared) {
        shared = { job: { jobId: jobId++, mode: opts.mode, hashContent: opts.hashContent, files: [] }, info: { parts: [] } };
        info.set(shared.job.jobId, shared.info);
      }
      shared.info.parts.push({ plan, firstFileIndex: 0, last: true, fileOffset: shared.job.files.length, fileCount: 1 });
      shared.job.files.push(plan.files[0]);
      continue;
    }
    if (shared) yield shared.job;
    shared = null;
    const mode = plan.source.kind === 'raw' ? opts.rawMode ?? opts.mode : opts.mode;
    // An empty directory is still a run (no files, no counters): one empty job carries it.
    const n = Math.max(plan.files.length, 1);
    const per = mode === 'sums' && opts.sumsJobsPerWorker
      ? Math.max(opts.filesPerJob, Math.ceil(n / (workers * opts.sumsJobsPerWorker))) : opts.filesPerJob;
    // Contiguous slices of each run's files: contiguity is what keeps key order exact.
    for (let start = 0; start < n; start += per) {
      const files = plan.files.slice(start, start + per);
      const last = start + per >= n;
      info.set(jobId, { parts: [{ plan, firstFileIndex: start, last, fileOffset: 0, fileCount: files.length }] });
      yield { jobId: jobId++, mode, hashContent: opts.hashContent, files };
    }
  }
  if (shared) yield shared.job;
}
