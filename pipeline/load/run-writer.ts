/**
 * Writes one run into the store inside one transaction: its files, its per-file counters
 * (or the workers' partial sums), its first-appearance key order, its summed counters
 * (by SQL) and its row in `runs`. Any bad file rolls the whole run back, so a failed or
 * killed ingest never leaves a partial run, and running it again completes it.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ColumnAppender } from './column-appender.js';
import { decodeCounterBatch } from './arrow-batch.js';
import type { KeyRegistry } from './key-registry.js';
import type { RunPlan } from './run-plan.js';
import { runSqlFile } from '../sql-file.js';
import { identityFromBenchRunnerPath, identityFromMetadata, mergeIdentity, type RunIdentity } from '../runs/run-identity.js';
import { parseOrderedJson } from '../json/ordered-json.js';
import { isJsonObject } from '../../schemas/run-stats.js';
import { mark } from '../timing.js';
import type { FileReport, ParseResult, RowMode } from '../../workers/protocol.js';

export type RunOutcome =
  | { status: 'added'; runId: number; plan: RunPlan; files: FileReport[] }
  | { status: 'skipped'; existingRunId: number; plan: RunPlan; reason: string }
  | { status: 'failed'; plan: RunPlan; reason: string };

export interface RunWriterOptions {
  rowMode: RowMode;
  strict: boolean;
  replace: boolean;
  /** Off for throw-away stores: no duplicate check, the run's content hash is its plan's. */
  identifyByContent: boolean;
  overrides: Partial<RunIdentity>;
  onWarning: (message: string) => void;
  /** Every key a worker has announced, local id = index (ParsePool.keysOf). */
  workerKeys: (workerId: number) => readonly string[];
}

const MAX_WARNINGS_PER_FILE = 5;

export class RunWriter {
  private plan: RunPlan | null = null;
  private runId = 0;
  private firstFileId = 0;
  private failure: string | null = null;
  private files: FileReport[] = [];
  private order: number[] = [];
  private seen = new Uint8Array(0);
  private nfilesPlaced = false;
  private counters: ColumnAppender | null = null;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly keys: KeyRegistry,
    private readonly nfilesKey: number,
    private nextRunId: number,
    private nextFileId: number,
    private readonly opts: RunWriterOptions,
  ) {}

  static async create(conn: DuckDBConnection, keys: KeyRegistry, opts: RunWriterOptions): Promise<RunWriter> {
    await runSqlFile(conn, 'pipeline/load/sql/staging.sql');
    const [[maxRun, maxFile]] = (await conn.runAndReadAll(
      'SELECT coalesce((SELECT max(run_id) FROM runs), 0), coalesce((SELECT max(file_id) FROM files), 0)',
    )).getRows();
    const nfilesKey = keys.idOf('__nfiles__');
    return new RunWriter(conn, keys, nfilesKey, Number(maxRun) + 1, Number(maxFile) + 1, opts);
  }

  async begin(plan: RunPlan): Promise<void> {
    this.plan = plan;
    this.runId = this.nextRunId;
    this.firstFileId = this.nextFileId;
    this.failure = null;
    this.files = [];
    this.order = [];
    this.seen = new Uint8Array(this.keys.size + 1024);
    // A JSON run carries its own __nfiles__ in key order; a raw run's is placed here.
    this.nfilesPlaced = plan.source.kind === 'json' || plan.fileCount === 0;
    await this.conn.run('BEGIN TRANSACTION');
    await this.conn.run('DELETE FROM temp.stage_order; DELETE FROM temp.stage_sums;');
    this.counters = this.opts.rowMode === 'files'
      ? new ColumnAppender(this.conn, 'file_counters', ['INTEGER', 'INTEGER', 'UBIGINT'])
      : new ColumnAppender(this.conn, 'stage_sums', ['INTEGER', 'UBIGINT'], 'temp');
  }

  /** One job's results, in job order. `firstFileIndex` is the job's first file within the run. */
  async accept(result: ParseResult, firstFileIndex: number): Promise<void> {
    this.keys.learn(result.workerId, this.opts.workerKeys(result.workerId)); // always: keeps worker ids in sync
    for (const file of result.files) this.review(file);
    this.files.push(...result.files);
    if (this.failure) return;

    const cols = decodeCounterBatch(result.ipc);
    this.keys.translate(result.workerId, cols.key, cols.length);
    this.extendOrder(cols.key, cols.file, cols.length, firstFileIndex, result.keysAfterFirstFile);
    if (this.opts.rowMode === 'files') {
      const fileIds = new Int32Array(cols.length);
      const base = this.firstFileId + firstFileIndex;
      for (let i = 0; i < cols.length; i++) fileIds[i] = base + cols.file[i];
      this.counters!.append([fileIds, cols.key, cols.value], cols.length);
    } else {
      this.counters!.append([cols.key, cols.value], cols.length);
    }
  }

  async finish(): Promise<RunOutcome> {
    const plan = this.plan!;
    this.counters?.close();
    this.counters = null;
    if (this.failure) return this.rollback({ status: 'failed', plan, reason: this.failure });

    const contentHash = this.opts.identifyByContent ? runContentHash(plan.source.kind, this.files) : plan.fingerprint;
    const existing = !this.opts.identifyByContent ? [] : await runSqlFile(this.conn, 'pipeline/load/sql/find-existing-run.sql', {
      content_hash: contentHash, fingerprint: plan.fingerprint,
    });
    if (existing.length > 0 && !this.opts.replace) {
      const [runId, path] = existing[0];
      return this.rollback({
        status: 'skipped', plan, existingRunId: Number(runId),
        reason: `already stored as run ${runId} (${path}); --replace re-ingests`,
      });
    }
    for (const [runId] of existing) await runSqlFile(this.conn, 'pipeline/load/sql/delete-run.sql', { run_id: Number(runId) });

    await roomForKeys(this.conn, this.order.length);
    if (!this.nfilesPlaced) this.placeNfiles();
    await this.writeFiles();
    const order = new ColumnAppender(this.conn, 'stage_order', ['INTEGER', 'INTEGER'], 'temp');
    order.append([Int32Array.from(this.order), Int32Array.from(this.order, (_, i) => i)], this.order.length);
    order.close();

    const raw = plan.source.kind === 'raw';
    mark(`load: run ${this.runId} appended`);
    await runSqlFile(this.conn, `pipeline/load/sql/run-counters-from-${this.opts.rowMode}.sql`, {
      run_id: this.runId,
      nfiles_key: this.nfilesKey,
      nfiles_bonus: raw ? this.files.length : 0,
      first_file: this.firstFileId,
      last_file: this.firstFileId + this.files.length - 1,
    });
    await this.insertRun(contentHash, raw ? this.files.length : await this.jsonNfiles());
    const newKeys = await this.keys.writeNew(this.conn, this.order);
    await this.conn.run('COMMIT');
    this.keys.written(newKeys);
    mark(`load: run ${this.runId} summed by SQL, committed`);
    this.nextRunId = this.runId + 1;
    this.nextFileId = this.firstFileId + this.files.length;
    return { status: 'added', runId: this.runId, plan, files: this.files };
  }

  /**
   * Abandons the open run (used when the ingest itself is interrupted). Never throws: the
   * error that interrupted it is the one to report, and it may have ended the transaction
   * already (DuckDB rolls back on some errors, then refuses ROLLBACK).
   */
  async abort(): Promise<void> {
    if (!this.plan) return;
    this.plan = null;
    try {
      this.counters?.close();
    } catch {
      // The appender shares the transaction's fate.
    }
    this.counters = null;
    await this.conn.run('ROLLBACK').catch(() => undefined);
  }

  private async rollback(outcome: RunOutcome): Promise<RunOutcome> {
    await this.conn.run('ROLLBACK');
    this.plan = null;
    return outcome;
  }

  private review(file: FileReport): void {
    if (file.error) {
      this.failure ??= `${file.path}${file.error.line ? `:${file.error.line}` : ''}: ${file.error.message}`;
      return;
    }
    file.problems.slice(0, MAX_WARNINGS_PER_FILE).forEach((p) => {
      this.opts.onWarning(`${file.path}:${p.line}: unparsable line '${p.text}' skipped`);
    });
    if (file.problemCount > MAX_WARNINGS_PER_FILE) {
      this.opts.onWarning(`${file.path}: ${file.problemCount - MAX_WARNINGS_PER_FILE} more unparsable lines skipped`);
    }
    if (this.opts.strict && file.problemCount > 0) {
      this.failure ??= `${file.path}:${file.problems[0].line}: unparsable line (--strict)`;
    }
  }

  /**
   * First-appearance key order across the run, with `__nfiles__` placed where the
   * reference's loader puts it: right after the keys of the run's first file.
   */
  private extendOrder(keys: Uint32Array, files: Uint32Array, length: number, firstFileIndex: number, keysAfterFirstFile: number): void {
    if (this.seen.length < this.keys.size) {
      const bigger = new Uint8Array(this.keys.size + 1024);
      bigger.set(this.seen);
      this.seen = bigger;
    }
    const placing = firstFileIndex === 0 && !this.nfilesPlaced;
    const sums = this.opts.rowMode === 'sums';
    const seen = this.seen;
    // In sums mode a key's rows are adjacent (a sum past 64 bits spans several rows).
    let distinct = 0;
    for (let i = 0; i < length; i++) {
      const k = keys[i];
      const nextKey = sums && (i === 0 || k !== keys[i - 1]);
      if (placing && !this.nfilesPlaced && (sums ? nextKey && distinct === keysAfterFirstFile : files[i] > 0)) this.placeNfiles();
      if (nextKey) distinct++;
      if (seen[k] === 0) {
        seen[k] = 1;
        this.order.push(k);
      }
    }
    if (placing && !this.nfilesPlaced) this.placeNfiles();
  }

  private placeNfiles(): void {
    this.nfilesPlaced = true;
    if (this.seen[this.nfilesKey] === 0) {
      this.seen[this.nfilesKey] = 1;
      this.order.push(this.nfilesKey);
    }
  }

  private async writeFiles(): Promise<void> {
    const app = await this.conn.createAppender('files');
    this.files.forEach((f, i) => {
      app.appendInteger(this.firstFileId + i);
      app.appendInteger(this.runId);
      app.appendInteger(i);
      app.appendVarchar(f.path);
      app.appendBigInt(BigInt(f.size));
      app.appendVarchar(f.sha256);
      app.appendInteger(f.lineCount);
      app.appendInteger(f.problemCount);
      if (f.problems.length > 0) app.appendVarchar(JSON.stringify(f.problems));
      else app.appendNull();
      app.endRow();
    });
    app.closeSync();
  }

  /** A JSON run's file count is its own __nfiles__ counter. */
  private async jsonNfiles(): Promise<number> {
    const rows = (await this.conn.runAndReadAll(
      'SELECT value::BIGINT FROM run_counters WHERE run_id = $1 AND key_id = $2', [this.runId, this.nfilesKey],
    )).getRows();
    return rows.length > 0 ? Number(rows[0][0]) : 0;
  }

  private async insertRun(contentHash: string, nFiles: number): Promise<void> {
    const plan = this.plan!;
    const json = this.files[0]?.json ?? null;
    const metadata = json?.metadata ? parseOrderedJson(json.metadata) : undefined;
    const id = mergeIdentity(
      plan.source.kind === 'json' ? identityFromBenchRunnerPath(plan.source.path) : null,
      isJsonObject(metadata) ? identityFromMetadata(metadata) : null,
      this.opts.overrides,
    );
    await runSqlFile(this.conn, 'pipeline/load/sql/insert-run.sql', {
      run_id: this.runId,
      content_hash: contentHash,
      fingerprint: plan.fingerprint,
      source_kind: plan.source.kind,
      source_path: plan.source.kind === 'raw' ? plan.source.dir : plan.source.path,
      fork: id.fork, ref: id.ref, commit_hash: id.commitHash, commit_date: id.commitDate,
      python_version: id.pythonVersion, machine: id.machine, nickname: id.nickname,
      benchmark: id.benchmark, flags: id.flags.length > 0 ? id.flags.join(',') : null,
      n_files: nFiles,
      specialized_instructions: json?.specializedInstructions ?? null,
      stats_defines: json?.statsDefines ?? null,
      defines: json?.defines ?? null,
      metadata: json?.metadata ?? null,
    });
  }
}

/** What makes two runs the same data: the kind and every file's bytes, in visit order. */
function runContentHash(kind: string, files: FileReport[]): string {
  const h = createHash('sha256').update(kind);
  for (const f of files) h.update('\n').update(f.sha256);
  return h.digest('hex');
}

/**
 * A run with very many distinct keys (1,000,000 in issue 17) needs more of DuckDB's memory
 * for its sums and the keys' unique index than ingest's flat limit (INGEST_MEMORY_LIMIT)
 * gives: the limit is raised for it, about 600 bytes a key, and stays raised for the rest
 * of this ingest (DuckDB only caches up to it). Runs of a few thousand keys never get here.
 */
const KEYS_WITHIN_LIMIT = 100_000;
const raisedToMb = new WeakMap<DuckDBConnection, number>();
async function roomForKeys(conn: DuckDBConnection, keys: number): Promise<void> {
  if (keys <= KEYS_WITHIN_LIMIT) return;
  const mb = 64 + Math.ceil((keys * 600) / (1 << 20));
  if (mb <= (raisedToMb.get(conn) ?? 0)) return;
  raisedToMb.set(conn, mb);
  await conn.run(`SET memory_limit = '${mb}MB'`);
}
