/**
 * Reports from the store: one run, the sum of a selection of runs, or a comparison,
 * with bench_runner's header and links line as the published `-pystats.md` files have.
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { getRun, listRuns, loadRunStats, type RunFilters, type StoredRun } from '../runs/read-runs.js';
import { runSqlFile } from '../sql-file.js';
import { parseRunExtras } from '../runs/run-extras.js';
import { withVersionTables } from './version-tables.js';
import { ALL_BENCHMARKS, benchRunnerFileName, flagsOfColumn, isPystatsResultFile, type RunIdentity } from '../runs/run-identity.js';
import {
  headerHasBenchmarkLine, renderBenchRunnerHeader, renderComparison, renderReport, type ReportStyle,
} from './index.js';

export class ReportSelectionError extends Error {}

export interface StoredReportOptions {
  date: string;
  style?: ReportStyle;
  /** bench_runner's header (default: when the run knows its fork, ref and commit). */
  header?: boolean;
  /** Benchmarks for the links line of an aggregated report (default: found in the store). */
  benchmarks?: string[] | null;
}

/** The runs a report covers: one run_id, or every run the filters select. */
export async function selectRuns(conn: DuckDBConnection, runId: number | null, filters: RunFilters): Promise<StoredRun[]> {
  if (runId !== null) {
    const run = await getRun(conn, runId);
    if (!run) throw new ReportSelectionError(`no run ${runId} in the store (see 'pystats runs')`);
    return [run];
  }
  let runs = await listRuns(conn, filters);
  // "--benchmark all" with no stored aggregate means: every benchmark's run, summed.
  if (runs.length === 0 && filters.benchmark === ALL_BENCHMARKS) runs = await listRuns(conn, { ...filters, benchmark: null });
  if (runs.length === 0) throw new ReportSelectionError('no stored run matches the selection (see \'pystats runs\')');
  return runs;
}

export async function reportForRuns(conn: DuckDBConnection, runs: StoredRun[], opts: StoredReportOptions): Promise<string> {
  const first = runs[0];
  const stats = withVersionTables(await loadRunStats(conn, runs.map((r) => r.runId)), first.pythonVersion);
  const body = renderReport(stats, { date: opts.date, style: opts.style, pythonVersion: first.pythonVersion });
  return (await reportHeader(conn, runs, opts)) + body;
}

/** bench_runner's header of the report of these runs, or '' when the report has none. */
export async function reportHeader(conn: DuckDBConnection, runs: StoredRun[], opts: StoredReportOptions): Promise<string> {
  const first = runs[0];
  const aggregate = runs.length > 1 ? { ...first, benchmark: ALL_BENCHMARKS } : first;
  const wantHeader = opts.header ?? Boolean(first.fork && first.ref && first.commitHash && first.commitDate);
  if (!wantHeader) return '';
  return headerFor(conn, aggregate, runs.length > 1, opts);
}

export async function comparisonForRuns(conn: DuckDBConnection, base: StoredRun[], head: StoredRun[], opts: StoredReportOptions): Promise<string> {
  const load = async (runs: StoredRun[]) =>
    withVersionTables(await loadRunStats(conn, runs.map((r) => r.runId)), runs[0].pythonVersion);
  return renderComparison(await load(base), await load(head), {
    date: opts.date, style: opts.style, pythonVersion: head[0].pythonVersion,
  });
}

async function headerFor(conn: DuckDBConnection, run: StoredRun, summed: boolean, opts: StoredReportOptions): Promise<string> {
  const metadata = (await getRun(conn, run.runId))?.extras.metadata ?? null;
  const benchmarks = (run.benchmark ?? ALL_BENCHMARKS) === ALL_BENCHMARKS ? opts.benchmarks ?? await benchmarksOfCommit(conn, run) : [];
  return benchRunnerHeaderOf(run, metadata, summed, benchmarks);
}

/**
 * reportHeader of one run, from what the caller has read of it already: its metadata
 * block as stored and its commit's per-benchmark runs (the site reads these for every run
 * at once, not a query per run).
 */
export function oneRunHeader(run: StoredRun, metadata: string | null, benchmarks: string[]): string {
  if (!(run.fork && run.ref && run.commitHash && run.commitDate)) return '';
  return benchRunnerHeaderOf(run, metadata, false, benchmarks);
}

function benchRunnerHeaderOf(run: StoredRun, metadata: string | null, summed: boolean, benchmarks: string[]): string {
  const header = {
    benchmark: run.benchmark ?? ALL_BENCHMARKS,
    fork: run.fork ?? '',
    ref: run.ref ?? '',
    commitHash: (run.commitHash ?? '').slice(0, 7),
    commitDate: run.commitDate ?? '',
    benchmarkLine: headerHasBenchmarkLine(metadataKeys(metadata)),
  };
  if (header.benchmark !== ALL_BENCHMARKS || benchmarks.length === 0) return renderBenchRunnerHeader(header, null);
  return renderBenchRunnerHeader(header, { stem: resultStem(run, summed), benchmarks });
}

/** The keys of the run's bench_runner metadata block (null when it has none). */
function metadataKeys(metadata: string | null): string[] | null {
  return metadata ? parseRunExtras({ specializedInstructions: null, statsDefines: null, defines: null, metadata }).metadata!.entries.map(([k]) => k) : null;
}

async function benchmarksOfCommit(conn: DuckDBConnection, run: StoredRun): Promise<string[]> {
  if (!run.commitHash) return [];
  const rows = await runSqlFile(conn, 'pipeline/report/sql/benchmarks-of-commit.sql', {
    commit_hash: run.commitHash, fork: run.fork, flags: run.flags, run_id: run.runId,
  });
  return rows.map((r) => r[0] as string);
}

/** The aggregated result's file stem the links point next to (bench_runner naming). */
function resultStem(run: StoredRun, summed: boolean): string {
  if (!summed && run.sourceKind === 'json' && isPystatsResultFile(run.sourcePath)) {
    return basename(run.sourcePath).replace(/\.json$/, '');
  }
  const id: RunIdentity = {
    fork: run.fork, ref: run.ref, commitHash: run.commitHash, commitDate: run.commitDate,
    pythonVersion: run.pythonVersion, machine: run.machine, nickname: run.nickname,
    benchmark: ALL_BENCHMARKS, flags: flagsOfColumn(run.flags),
  };
  return benchRunnerFileName(id, 'json').replace(/\.json$/, '');
}
