/**
 * Pieces of a run's rows the writer cuts and names: a run's share of a job, its files'
 * problems, its content hash, and its `files` and `runs` rows staged for the batch.
 */
import { hash } from 'node:crypto';
import type { CounterColumns } from '../../schemas/arrow.js';
import type { FileReport } from '../../workers/protocol.js';
import { flagsColumn, identityFromBenchRunnerPath, identityFromMetadata, mergeIdentity, type RunIdentity } from '../runs/run-identity.js';
import type { RunPlan } from './run-plan.js';
import type { RunTexts } from './run-texts.js';
import { textCell, type JsonRows } from './json-rows.js';

/**
 * The rows of files `offset`… `offset + count - 1` of a job's batch (rows come file after
 * file), with file indexes made relative to `offset`.
 */
export function rowsOfFiles(all: CounterColumns, offset: number, count: number): CounterColumns {
  const start = firstRowOf(all.file, all.length, offset);
  const end = firstRowOf(all.file, all.length, offset + count);
  // One file (each JSON run of a shared job): its indexes are all 0, a view of zeros no one writes.
  const file = count === 1 ? zeros(end - start) : all.file.slice(start, end);
  if (count !== 1) for (let i = 0; i < file.length; i++) file[i] -= offset;
  return { length: end - start, file, key: all.key.subarray(start, end), value: all.value.subarray(start, end) };
}

let zeroes = new Uint32Array(4096);

/** `n` zeros, never to be written (shared by every caller). */
function zeros(n: number): Uint32Array {
  if (zeroes.length < n) zeroes = new Uint32Array(Math.max(n, 2 * zeroes.length));
  return zeroes.subarray(0, n);
}

/** The first row whose file index is at least `file` (rows are sorted by file). */
function firstRowOf(files: Uint32Array, length: number, file: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid] < file) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MAX_WARNINGS_PER_FILE = 5;

/**
 * A file's problems: its unparsable lines warned about (the first few), and why the run
 * cannot be stored, if it cannot (the file is unusable, or has such lines under --strict).
 */
export function reviewFile(file: FileReport, opts: { strict: boolean; onWarning: (message: string) => void }): string | null {
  if (file.error) return `${file.path}${file.error.line ? `:${file.error.line}` : ''}: ${file.error.message}`;
  file.problems.slice(0, MAX_WARNINGS_PER_FILE).forEach((p) => {
    opts.onWarning(`${file.path}:${p.line}: unparsable line '${p.text}' skipped`);
  });
  if (file.problemCount > MAX_WARNINGS_PER_FILE) {
    opts.onWarning(`${file.path}: ${file.problemCount - MAX_WARNINGS_PER_FILE} more unparsable lines skipped`);
  }
  return opts.strict && file.problemCount > 0 ? `${file.path}:${file.problems[0].line}: unparsable line (--strict)` : null;
}

/** What makes two runs the same data: the kind and every file's bytes, in visit order. */
export function runContentHash(kind: string, files: FileReport[]): string {
  // One-shot hashing of the same bytes (a Hash object per run cost 0.1 s of 20,000 runs' main thread).
  let text = kind;
  for (const f of files) text += `\n${f.sha256}`;
  return hash('sha256', text);
}

/** The `files` rows of a run whose files get ids from `firstFileId` on, in visit order (insert-files.sql). */
export function pushFileRows(rows: JsonRows, files: readonly FileReport[], runId: number, firstFileId: number): void {
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    // (JSON.stringify's text is well-formed: a lone surrogate in a line is escaped in it.)
    const problems = f.problems.length > 0 ? JSON.stringify(f.problems) : null;
    rows.push([firstFileId + i, runId, i, textCell(f.path), f.size, f.sha256, f.lineCount, f.problemCount, problems]);
  }
}

export interface RunRow {
  runId: number;
  firstFileId: number;
  plan: RunPlan;
  contentHash: string;
  /** A JSON run's texts (run-texts.ts); null for a raw run. */
  texts: RunTexts | null;
  nFiles: number;
  nfilesBonus: number;
  overrides: Partial<RunIdentity>;
}

/**
 * The run's `runs` row, staged (insert-stage-runs.sql; batch-runs.sql stores the batch's
 * rows at once). Its identity: the bench_runner file name, then the JSON's metadata, then
 * the user's flags.
 */
export function pushRunRow(rows: JsonRows, row: RunRow): void {
  const { plan, texts } = row;
  const id = mergeIdentity(
    plan.source.kind === 'json' ? identityFromBenchRunnerPath(plan.source.path) : null,
    texts?.metadata ? identityFromMetadata(texts.metadata) : null,
    row.overrides,
  );
  const [specialized, statsDefines, defines, metadata] = texts?.ids ?? [null, null, null, null];
  rows.push([
    row.runId, row.contentHash, plan.fingerprint, plan.source.kind,
    textCell(plan.source.kind === 'raw' ? plan.source.dir : plan.source.path),
    textCell(id.fork), textCell(id.ref), textCell(id.commitHash), textCell(id.commitDate), textCell(id.pythonVersion),
    textCell(id.machine), textCell(id.nickname), textCell(id.benchmark), textCell(flagsColumn(id.flags)),
    row.nFiles, specialized, statsDefines, defines, metadata, row.nfilesBonus, row.firstFileId,
  ]);
}
