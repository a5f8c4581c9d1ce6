/**
 * Ingest: inputs → parse workers → Arrow batches → DuckDB, many runs per transaction
 * (run-writer.ts: a batch commits by size or time; a raw run is a transaction of its own).
 * Workers parse ahead while the main thread writes, within a bounded window of jobs;
 * runs whose files are unchanged since a previous ingest are skipped unread.
 */
import type { RunSource } from '../discover/raw-dir.js';
import type { RunIdentity } from '../runs/run-identity.js';
import type { Store } from '../store/store.js';
import { StringRegistry } from './string-registry.js';
import { ParsePool, defaultWorkerCount } from './worker-pool.js';
import { fingerprintOf, planRun, type RunPlan } from './run-plan.js';
import { RunWriter, type RunOutcome } from './run-writer.js';
import type { FileReport, RowMode } from '../../workers/protocol.js';
import { ingestJobOptions, startParsing, type StartedParse } from './parse-jobs.js';
import { storeWriteError } from '../store/write-error.js';
import { mark } from '../timing.js';
import { runSqlFile } from '../sql-file.js';

export interface IngestOptions {
  workers?: number;
  /**
   * A raw run's rows: 'files' keeps each process's counters in file_counters (the
   * library's default; the CLI's with --per-file); 'sums' stores only the run's sums,
   * added up by the workers (the CLI's default, and summarize). A JSON run has no
   * per-process rows either way.
   */
  rowMode?: RowMode;
  strict?: boolean;
  replace?: boolean;
  /** A file listing raw file names in visit order (see discoverInputs). */
  orderFile?: string | null;
  /** Identity fields that override names and metadata (CLI flags). */
  identity?: Partial<RunIdentity>;
  filesPerJob?: number;
  onWarning?: (message: string) => void;
  onRun?: (outcome: RunOutcome) => void;
  onProgress?: (files: number, bytes: number) => void;
  /**
   * Content hashes and fingerprints make re-ingest idempotent. A throw-away store
   * (`pystats summarize`) turns them off: every input is a new run, nothing is hashed.
   */
  identifyByContent?: boolean;
  /** Called once the work is known, for progress totals. */
  onPlan?: (files: number) => void;
}

export interface IngestReport {
  runIds: number[];
  added: number;
  skipped: number;
  failed: number;
  files: number;
  lines: number;
  bytes: number;
  unparsableLines: number;
  errors: string[];
}

/** `pool`: a pool already warming up (the CLI starts it before loading DuckDB); else one is made. */
export async function ingest(store: Store, paths: string[], opts: IngestOptions = {}, pool: ParsePool | null = null): Promise<IngestReport> {
  // Workers load their modules while the inputs are discovered.
  const own = pool ?? new ParsePool(Math.max(1, opts.workers ?? defaultWorkerCount()));
  try {
    // Loaded here, not at the top: `pystats summarize` uses ingestSources and never walks a tree.
    const { discoverInputs } = await import('../discover/discover-inputs.js');
    const sources = await discoverInputs(paths, { orderFile: opts.orderFile, onWarning: opts.onWarning });
    mark(`load: ${sources.length} runs found`);
    return await ingestSources(store, sources, opts, own);
  } finally {
    if (!pool) await own.close();
  }
}

/**
 * `started`: parsing already under way for these sources (startParsing on plans made with
 * planRun, with fingerprints unless `identifyByContent` is false), so the workers ran
 * while the caller was still loading DuckDB; the runs found stored are dropped from it.
 */
export async function ingestSources(
  store: Store, sources: RunSource[], opts: IngestOptions = {}, sharedPool: ParsePool | null = null,
  started: StartedParse | null = null,
): Promise<IngestReport> {
  const report: IngestReport = {
    runIds: [], added: 0, skipped: 0, failed: 0, files: 0, lines: 0, bytes: 0, unparsableLines: 0, errors: [],
  };
  // Runs already stored, met again with the sibling results of their tree: their links line.
  const links: Array<[number, string[]]> = [];
  const linksOf = (plan: RunPlan) => (plan.source.kind === 'json' ? plan.source.siblingBenchmarks ?? [] : []);
  const byContent = opts.identifyByContent ?? true;
  const planned = started ? started.plans : sources.map((source) => planRun(source, byContent ? 'now' : 'none'));
  const known = opts.replace || !byContent ? new Map<string, number>() : await knownFingerprints(store);
  const plans: RunPlan[] = [];
  for (const plan of planned) {
    // Planned for a store that held nothing, which another ingest filled meanwhile.
    if (known.size > 0) plan.fingerprint ??= fingerprintOf(plan);
    const existing = plan.fingerprint === null ? undefined : known.get(plan.fingerprint);
    if (existing !== undefined) {
      started?.skip.add(plan);
      report.skipped++;
      report.runIds.push(existing);
      if (linksOf(plan).length > 0) links.push([existing, linksOf(plan)]);
      opts.onRun?.({ status: 'skipped', plan, existingRunId: existing, reason: `unchanged since run ${existing}` });
    } else {
      plans.push(plan);
    }
  }
  started?.settle();
  mark(started && byContent ? 'load: runs the store holds left out' : 'load: runs planned (stats, fingerprints)');
  if (plans.length === 0) return recordLinks(store, links, report);
  opts.onPlan?.(plans.reduce((n, p) => n + p.fileCount, 0));

  const keys = await StringRegistry.load(store.conn, 'keys');
  mark('load: keys read');
  const writer = await RunWriter.create(store.conn, keys, {
    rowMode: opts.rowMode ?? 'files',
    strict: opts.strict ?? false,
    replace: opts.replace ?? false,
    identifyByContent: byContent,
    overrides: opts.identity ?? {},
    onWarning: opts.onWarning ?? (() => undefined),
    // Called once results come, the pool made below by then.
    workerKeys: (id) => pool.keysOf(id),
    workerTexts: (id) => pool.textsOf(id),
  });
  const pool = sharedPool ?? new ParsePool(Math.max(1, opts.workers ?? defaultWorkerCount()));
  const jobs = started ?? startParsing(pool, plans, ingestJobOptions(opts.rowMode ?? 'files', byContent, opts.filesPerJob));
  let current: RunPlan | null = null;
  const settle = (outcomes: RunOutcome[]) => {
    for (const outcome of outcomes) {
      // An aggregated run's links line, whether its run is new or was stored before.
      const runId = outcome.status === 'added' ? outcome.runId : outcome.status === 'skipped' ? outcome.existingRunId : null;
      if (runId !== null && linksOf(outcome.plan).length > 0) links.push([runId, linksOf(outcome.plan)]);
      tally(report, outcome);
      opts.onRun?.(outcome);
    }
  };
  try {
    for await (const result of jobs.results) {
      const job = jobs.info.get(result.jobId)!;
      jobs.info.delete(result.jobId);
      const cols = writer.decode(result); // always: it keeps the worker's key ids in sync
      let files = 0;
      let bytes = 0;
      for (const part of job.parts) {
        if (jobs.skip.has(part.plan)) continue; // parsed before the store said it was stored
        if (part.plan !== current) {
          current = part.plan;
          settle(await writer.begin(current));
        }
        writer.accept(result, cols, part);
        if (part.last) {
          settle(await writer.finish());
          current = null;
        }
        for (let i = part.fileOffset; i < part.fileOffset + part.fileCount; i++) {
          countFile(report, result.files[i]);
          files++;
          bytes += result.files[i].size;
        }
      }
      if (files > 0) opts.onProgress?.(files, bytes);
    }
    settle(await writer.commit());
  } catch (err) {
    const run = writer.unstored(current);
    await writer.abort();
    throw storeWriteError(err, store.path, run) ?? err;
  } finally {
    if (!sharedPool) await pool.close();
  }
  return recordLinks(store, links, report);
}

async function knownFingerprints(store: Store): Promise<Map<string, number>> {
  const rows = (await store.conn.runAndReadAll('SELECT fingerprint, run_id FROM run_records')).getRows();
  return new Map(rows.map(([f, id]) => [f as string, Number(id)]));
}

function tally(report: IngestReport, outcome: RunOutcome): void {
  if (outcome.status === 'added') {
    report.added++;
    report.runIds.push(outcome.runId);
  } else if (outcome.status === 'skipped') {
    report.skipped++;
    report.runIds.push(outcome.existingRunId);
  } else {
    report.failed++;
    report.errors.push(outcome.reason);
  }
}

function countFile(report: IngestReport, f: FileReport): void {
  report.files++;
  report.bytes += f.size;
  report.lines += f.lineCount;
  report.unparsableLines += f.problemCount;
}

/**
 * Records the sibling benchmarks of aggregated runs (the links line of their report), the
 * ones each lacks, once their runs are committed: one statement for all (one each cost an
 * archive's 220 aggregated runs half a second), committed on its own. An ingest stopped
 * before it loses only links, which the same command adds again.
 */
async function recordLinks(store: Store, links: Array<[number, string[]]>, report: IngestReport): Promise<IngestReport> {
  if (links.length === 0) return report;
  try {
    await runSqlFile(store.conn, 'pipeline/load/sql/add-run-links.sql', { links: JSON.stringify(links) });
  } catch (err) {
    throw storeWriteError(err, store.path, null) ?? err;
  }
  mark('load: links of aggregated runs recorded');
  return report;
}
