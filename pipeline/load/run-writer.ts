/**
 * Writes runs into the store in batches: many runs per transaction, committed by size or
 * time, each run's files, per-file counters (or staged sums), first-appearance key order
 * and identity appended as whole columns, and the sums of every run of the batch computed
 * by one SQL statement (sql/batch-sums.sql). A run is reported stored only once its
 * batch has committed, so a failed or killed ingest leaves whole batches of whole runs,
 * and the same command again stores the rest exactly once (idempotence is by content
 * hash, checked here against the store's runs and the runs of this ingest).
 *
 * A raw run has its own transaction: it is big enough that the per-run cost does not
 * matter, and one bad file in it is a ROLLBACK of that run alone. JSON runs (one file,
 * whose failure is known before anything of it is written) share batches.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ColumnAppender } from './column-appender.js';
import { ordinals, repeated } from './scratch-columns.js';
import { ExactSums } from './exact-sums.js';
import { KeyOrder } from './key-order.js';
import { IdSet } from './id-set.js';
import { pushFileRows, pushRunRow, reviewFile, rowsOfFiles, runContentHash } from './run-rows.js';
import { JsonRows } from './json-rows.js';
import { decodeCounterBatch } from './arrow-batch.js';
import type { CounterColumns } from '../../schemas/arrow.js';
import { StringRegistry } from './string-registry.js';
import { RunTextIds, type RunTexts } from './run-texts.js';
import { fingerprintAsRead, type RunPlan } from './run-plan.js';
import type { JobPart } from './parse-jobs.js';
import { runSqlFile } from '../sql-file.js';
import type { RunIdentity } from '../runs/run-identity.js';
import { mark } from '../timing.js';
import { roomForKeys } from './memory-limit.js';
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
  /** Every key a worker has announced (ParsePool.keysOf), local id = index. */
  workerKeys: (workerId: number) => readonly string[];
  /** Every text a worker has announced (ParsePool.textsOf), local id = index. */
  workerTexts: (workerId: number) => readonly string[];
}

/** DuckDB's automatic checkpoint while ingesting (see create). */
const CHECKPOINT_EVERY = '1GB';
/**
 * A batch commits once it holds this many counter rows (about 3,800 of an archive's JSON
 * runs; the rows go to disk as DuckDB fills row groups, so memory stays flat)… Each commit
 * costs a fixed share (staging tables, the runs' insert, the WAL's sync) while the main
 * thread waits: 400,000 rows made 21 commits of 20,000 runs, and 9% more CPU than this.
 * The first batch holds FIRST_BATCH_ROWS, each next one twice the last: the first runs
 * are announced (and safe) as soon as before.
 */
const BATCH_ROWS = 1_600_000;
const FIRST_BATCH_ROWS = 400_000;
/** …or has been open this long: a kill loses at most this much work. */
const BATCH_MS = 2_000;

interface Stored {
  runId: number;
  path: string;
}

export class RunWriter {
  private plan: RunPlan | null = null;
  private runId = 0;
  private firstFileId = 0;
  private failure: string | null = null;
  private files: FileReport[] = [];
  private readonly order: KeyOrder;
  private nfilesValue = 0;
  private pending: Array<{ cols: CounterColumns; firstFileIndex: number }> = [];
  private texts: RunTexts | null = null;
  /** Whether the last job decoded, and any job of the open run, has keys the store lacks. */
  private jobHasUnwritten = false;
  private runHasUnwritten = false;
  /** A raw run's sums, added up as its per-file rows are appended. */
  private readonly runSums = new ExactSums();
  // The open batch.
  private inBatch = false;
  private batchRows = 0;
  private staged = false; // whether a run of the batch has rows to sum (batch-sums.sql)
  private batchStarted = 0;
  private batchRowLimit = FIRST_BATCH_ROWS;
  private readonly batchKeys = new IdSet();
  private batchTexts = new Set<number>();
  private readonly outcomes: RunOutcome[] = [];
  private readonly batchHashes: string[] = [];
  private fileCounters: ColumnAppender | null = null;
  private sums: ColumnAppender | null = null;
  private orderRows: ColumnAppender | null = null;
  private runCounters: ColumnAppender | null = null;
  private readonly fileRows = new JsonRows('pipeline/load/sql/insert-files.sql');
  private readonly runRows = new JsonRows('pipeline/load/sql/insert-stage-runs.sql');
  /** The first run id this ingest gives: runs from it on were stored by this ingest. */
  private readonly firstNewRun: number;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly keys: StringRegistry,
    private readonly textIds: RunTextIds,
    private readonly nfilesKey: number,
    private nextRunId: number,
    private nextFileId: number,
    /** Content hashes stored (and of this ingest's runs so far) → run. */
    private readonly byHash: Map<string, Stored>,
    private readonly opts: RunWriterOptions,
  ) {
    this.firstNewRun = nextRunId;
    this.order = new KeyOrder(nfilesKey);
  }

  static async create(conn: DuckDBConnection, keys: StringRegistry, opts: RunWriterOptions): Promise<RunWriter> {
    // One checkpoint, when the store closes, not one every 16 MB of WAL (each rewrote the
    // tables' last row groups and left their old blocks free). A kill leaves the WAL, replayed by the next open.
    await conn.run(`SET checkpoint_threshold = '${CHECKPOINT_EVERY}'`);
    const [[maxRun, maxFile]] = (await conn.runAndReadAll(
      'SELECT coalesce((SELECT max(run_id) FROM run_records), 0), coalesce((SELECT max(file_id) FROM files), 0)',
    )).getRows();
    const byHash = new Map<string, Stored>();
    if (opts.identifyByContent) {
      // run_records, not the view runs: its texts are not needed, and 20,000 rows read back half as fast through it.
      for (const [id, hash, path] of (await conn.runAndReadAll('SELECT run_id, content_hash, source_path FROM run_records')).getRows()) {
        byHash.set(hash as string, { runId: Number(id), path: path as string });
      }
    }
    const nfilesKey = keys.idOf('__nfiles__');
    const texts = new RunTextIds(await StringRegistry.load(conn, 'texts'), opts.workerTexts);
    return new RunWriter(conn, keys, texts, nfilesKey, Number(maxRun) + 1, Number(maxFile) + 1, byHash, opts);
  }

  async begin(plan: RunPlan): Promise<RunOutcome[]> {
    // A raw run is a transaction of its own: the batch before it commits first.
    const done = plan.source.kind === 'raw' ? await this.commit() : [];
    if (!this.inBatch) await this.open();
    this.plan = plan;
    this.runId = this.nextRunId;
    this.firstFileId = this.nextFileId;
    this.failure = null;
    this.files = [];
    this.nfilesValue = 0;
    this.pending = [];
    this.texts = null;
    this.runHasUnwritten = false;
    this.runSums.reset(this.keys.size);
    // A JSON run carries its own __nfiles__ in key order; a raw run's is placed here.
    this.order.reset(this.keys.size, plan.source.kind === 'json' || plan.fileCount === 0);
    return done;
  }

  /** A job's counter batch, its key ids made the store's (once per job, whatever runs share it). */
  decode(result: ParseResult): CounterColumns {
    this.keys.learn(result.workerId, this.opts.workerKeys(result.workerId)); // always: keeps worker ids in sync
    this.textIds.learn(result.workerId);
    const cols = decodeCounterBatch(result.ipc);
    this.jobHasUnwritten = this.keys.translate(result.workerId, cols.key, cols.length);
    return cols;
  }

  /** The open run's share of one job (`cols`: the job's whole batch, from decode), in job order. */
  accept(result: ParseResult, all: CounterColumns, part: JobPart): void {
    const files = part.fileOffset === 0 && part.fileCount === result.files.length
      ? result.files : result.files.slice(part.fileOffset, part.fileOffset + part.fileCount);
    for (const file of files) {
      const unusable = reviewFile(file, this.opts); // every file's warnings, even past a failure
      this.failure ??= unusable;
    }
    this.files.push(...files);
    if (files[0]?.json && this.texts === null) this.texts = this.textIds.of(result.workerId, files[0].json);
    if (this.failure) return;
    this.runHasUnwritten ||= this.jobHasUnwritten;

    const cols = part.fileOffset === 0 && part.fileCount === result.files.length ? all : rowsOfFiles(all, part.fileOffset, part.fileCount);
    const firstFileIndex = part.firstFileIndex;
    this.order.extend(cols.key, cols.file, cols.length, firstFileIndex, result.keysAfterFirstFile, this.opts.rowMode === 'sums', this.keys.size);
    this.batchRows += cols.length;
    if (this.plan!.source.kind === 'json') {
      const i = cols.key.indexOf(this.nfilesKey);
      if (i >= 0 && i < cols.length) this.nfilesValue = Number(cols.value[i]);
    }
    // A JSON run's rows wait for finish(): it may turn out a duplicate, and its batch goes on.
    if (this.plan!.source.kind === 'json') this.pending.push({ cols, firstFileIndex });
    else this.appendCounters(cols, firstFileIndex, this.opts.rowMode === 'files');
  }

  /**
   * `perFile`: rows go to file_counters (a raw run's processes). A JSON run's one "file"
   * holds its sums: its rows are staged as the run's only, never stored twice (the
   * process_counters view shows them as its file's).
   */
  private appendCounters(cols: CounterColumns, firstFileIndex: number, perFile: boolean): void {
    if (perFile) {
      const fileIds = new Int32Array(cols.length);
      const base = this.firstFileId + firstFileIndex;
      for (let i = 0; i < cols.length; i++) fileIds[i] = base + cols.file[i];
      this.fileCounters!.append([fileIds, cols.key, cols.value], cols.length);
      this.runSums.add(cols);
    } else {
      this.sums!.append([repeated(this.runId, cols.length), cols.key, cols.value], cols.length);
    }
  }

  /** A raw run's sums (ExactSums), staged in key order as the run's rows to sum. */
  private stageRunSums(): void {
    const rows = { keys: [] as number[], values: [] as bigint[] };
    for (const k of this.order.keys) if (this.runSums.has(k)) this.runSums.rowsOf(k, rows);
    const n = rows.keys.length;
    this.sums!.append([new Int32Array(n).fill(this.runId), Int32Array.from(rows.keys), BigUint64Array.from(rows.values)], n);
  }

  /**
   * The run is complete: staged into the batch, or given up. Returns the outcomes that are
   * final now (a batch that committed, or runs that never reach the store), in run order.
   */
  async finish(): Promise<RunOutcome[]> {
    const plan = this.plan!;
    this.plan = null;
    const raw = plan.source.kind === 'raw';
    if (this.failure) {
      const outcome: RunOutcome = { status: 'failed', plan, reason: this.failure };
      // A raw run's rows may be appended already; its transaction is its own.
      if (raw) return [...(await this.rollback()), outcome];
      this.outcomes.push(outcome);
      return [];
    }

    plan.fingerprint ??= fingerprintAsRead(plan, this.files);
    const contentHash = this.opts.identifyByContent ? runContentHash(plan.source.kind, this.files) : plan.fingerprint;
    const existing = this.opts.identifyByContent ? this.byHash.get(contentHash) : undefined;
    // Replacing means replacing what was stored before this ingest; content met twice in it is stored once.
    if (existing && (!this.opts.replace || existing.runId >= this.firstNewRun)) {
      const outcome: RunOutcome = {
        status: 'skipped', plan, existingRunId: existing.runId,
        reason: `already stored as run ${existing.runId} (${existing.path}); --replace re-ingests`,
      };
      if (raw) return [...(await this.rollback()), outcome];
      this.outcomes.push(outcome);
      return [];
    }
    if (existing) await runSqlFile(this.conn, 'pipeline/load/sql/delete-run.sql', { run_id: existing.runId });

    await roomForKeys(this.conn, this.order.keys.length);
    this.order.placeNfiles();
    if (raw && this.opts.rowMode === 'files') this.stageRunSums();
    const sums = this.pending.length === 1 && this.pending[0].cols.length === this.order.keys.length ? this.pending[0].cols : null;
    if (sums) {
      // A JSON run whose every key is on one row (always, from a file): its rows, in order,
      // are its run counters as they are (each a 64-bit value as read), appended straight
      // to run_counters_u64.
      this.runCounters!.append([
        repeated(this.runId, sums.length), sums.key, ordinals(sums.length), sums.value,
      ], sums.length);
    } else {
      for (const p of this.pending) this.appendCounters(p.cols, p.firstFileIndex, false);
      this.staged = true;
      this.orderRows!.append([
        repeated(this.runId, this.order.keys.length), this.order.keys, ordinals(this.order.keys.length),
      ], this.order.keys.length);
    }
    this.pending = [];
    pushFileRows(this.fileRows, this.files, this.runId, this.firstFileId);
    // The keys the store lacks go with the batch: looked for only in a run whose jobs had
    // such keys (found as their ids were translated; its __nfiles__ may be none of them).
    // Keys of a CPython met late stay unwritten until their batch commits, so many runs look
    // (17,000 of an archive's 20,000): an indexed loop, a third of the time of a for-of here.
    if (this.runHasUnwritten || this.keys.isUnwritten(this.nfilesKey)) {
      const keys = this.order.keys;
      for (let i = 0; i < keys.length; i++) if (this.keys.isUnwritten(keys[i])) this.batchKeys.add(keys[i]);
    }
    if (this.textIds.registry.hasUnwritten) for (const t of this.texts?.ids ?? []) if (t !== null) this.batchTexts.add(t);
    pushRunRow(this.runRows, {
      runId: this.runId, firstFileId: this.firstFileId, plan, contentHash, texts: this.texts,
      nFiles: raw ? this.files.length : this.nfilesValue, nfilesBonus: raw ? this.files.length : 0, overrides: this.opts.overrides,
    });
    const source = plan.source.kind === 'raw' ? plan.source.dir : plan.source.path;
    this.byHash.set(contentHash, { runId: this.runId, path: source });
    this.batchHashes.push(contentHash);
    this.outcomes.push({ status: 'added', runId: this.runId, plan, files: this.files });
    this.nextRunId = this.runId + 1;
    this.nextFileId = this.firstFileId + this.files.length;
    const full = raw || this.batchRows >= this.batchRowLimit || performance.now() - this.batchStarted >= BATCH_MS;
    return full ? this.commit() : [];
  }

  /** Commits the open batch (if any) and returns its runs' outcomes. */
  async commit(): Promise<RunOutcome[]> {
    if (!this.inBatch) return this.takeOutcomes();
    mark('load: batch staged');
    this.closeAppenders();
    mark('load: appenders closed');
    if (this.batchHashes.length === 0) return this.rollback();
    await this.fileRows.insert(this.conn);
    await this.runRows.insert(this.conn);
    const newTexts = await this.textIds.registry.writeNew(this.conn, this.batchTexts);
    // A batch of JSON runs has no rows to sum: they are stored already.
    if (this.staged) await runSqlFile(this.conn, 'pipeline/load/sql/batch-sums.sql', { nfiles_key: this.nfilesKey });
    await runSqlFile(this.conn, 'pipeline/load/sql/batch-runs.sql');
    mark('load: batch summed');
    const newKeys = await this.keys.writeNew(this.conn, this.batchKeys);
    await this.conn.run('COMMIT');
    this.inBatch = false;
    this.batchRowLimit = Math.min(2 * this.batchRowLimit, BATCH_ROWS);
    this.keys.written(newKeys);
    this.textIds.registry.written(newTexts);
    mark(`load: batch of ${this.batchHashes.length} runs summed by SQL, committed`);
    this.batchHashes.length = 0;
    return this.takeOutcomes();
  }

  /**
   * Abandons the open batch (used when the ingest itself is interrupted). Never throws: the
   * error that interrupted it is the one to report, and it may have ended the transaction
   * already (DuckDB rolls back on some errors, then refuses ROLLBACK).
   */
  async abort(): Promise<void> {
    this.plan = null;
    if (!this.inBatch) return;
    this.inBatch = false;
    try {
      this.closeAppenders();
    } catch {
      // The appenders share the transaction's fate.
    }
    await this.conn.run('ROLLBACK').catch(() => undefined);
  }

  /** The runs of the batch being written, for an error that stops the ingest (before abort()). */
  unstored(current: RunPlan | null): string | null {
    const plans = this.outcomes.filter((o) => o.status === 'added').map((o) => o.plan);
    if (current && !plans.includes(current)) plans.push(current);
    if (plans.length === 0) return null;
    const where = (p: RunPlan) => (p.source.kind === 'raw' ? p.source.dir : p.source.path);
    return plans.length === 1 ? where(plans[0]) : `${where(plans[0])} (and the ${plans.length - 1} other runs of its batch)`;
  }

  private async open(): Promise<void> {
    await this.conn.run('BEGIN TRANSACTION');
    this.inBatch = true;
    await runSqlFile(this.conn, 'pipeline/load/sql/staging.sql');
    this.batchRows = 0;
    this.staged = false;
    this.batchStarted = performance.now();
    this.batchKeys.clear();
    this.batchTexts = new Set();
    // Rows of a batch that rolled back are not inserted with this one.
    this.fileRows.clear();
    this.runRows.clear();
    this.fileCounters = new ColumnAppender(this.conn, 'file_counters', ['INTEGER', 'INTEGER', 'UBIGINT']);
    this.sums = new ColumnAppender(this.conn, 'stage_sums', ['INTEGER', 'INTEGER', 'UBIGINT'], 'temp');
    this.orderRows = new ColumnAppender(this.conn, 'stage_order', ['INTEGER', 'INTEGER', 'INTEGER'], 'temp');
    this.runCounters = new ColumnAppender(this.conn, 'run_counters_u64', ['INTEGER', 'INTEGER', 'INTEGER', 'UBIGINT']);
  }

  private closeAppenders(): void {
    const column = [this.fileCounters, this.sums, this.orderRows, this.runCounters];
    this.fileCounters = this.sums = this.orderRows = this.runCounters = null;
    for (const a of column) a?.close();
  }

  /** The open batch rolled back: its runs are not stored (only a raw run's own batch gets here with runs). */
  private async rollback(): Promise<RunOutcome[]> {
    if (this.inBatch) {
      try {
        this.closeAppenders();
      } finally {
        this.inBatch = false;
        await this.conn.run('ROLLBACK');
      }
    }
    for (const h of this.batchHashes) this.byHash.delete(h);
    this.batchHashes.length = 0;
    return this.takeOutcomes();
  }

  /**
   * The outcomes so far, handed over. The batch's arrays are emptied in place, never made
   * anew: a new [] is an array of small integers until its first push, which made each
   * batch's first run deoptimize finish() (a 30-50 ms TurboFan compile each time).
   */
  private takeOutcomes(): RunOutcome[] {
    return this.outcomes.splice(0);
  }
}
