/**
 * The Parquet lake's layout on disk, shared by its writer (lake export), its readers (the
 * store's lake backend, lake import) and nobody else:
 *
 *   DIR/runs/<batch>.parquet                               one row per run: identity, content_hash
 *   DIR/keys/<batch>.parquet                               the counter keys the batch's runs use
 *   DIR/files/<batch>.parquet                              the runs' input files
 *   DIR/run_counters/fork=<fork_dir>/month=<YYYY-MM>/<batch>_<i>.parquet
 *   DIR/file_counters/fork=<fork_dir>/month=<YYYY-MM>/<batch>_<i>.parquet   (export --per-file)
 *   DIR/_manifests/<batch>.json                            the batch's files, sizes and sha256 (manifest.ts)
 *
 * fork_dir is the fork itself when it is a plain name, else `~` and 16 hex digits of its
 * sha256 (`~none` without a fork): export-runs.sql decides, the runs file records it.
 *   DIR/_staging/<batch>/                                  an export being written (never read)
 *
 * A batch is one export. Its files are written under _staging and renamed into place, the
 * runs file last: the runs file is the batch's commit marker. Readers take only the files
 * of batches that have one, so an export killed at any moment leaves nothing they read.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const STAGING = '_staging';

/** The partitioned datasets, in the order an export publishes them (runs comes after all). */
export const PARTITIONED = ['run_counters', 'file_counters'] as const;
export const FLAT = ['files', 'keys'] as const;
export type LakeDataset = 'runs' | typeof FLAT[number] | typeof PARTITIONED[number];

/**
 * The columns of each dataset's files and their DuckDB types. Partitioned datasets also get
 * `fork` and `month` from their paths.
 *
 * Counter values: per-file values are UBIGINT (Parquet's INT64 marked unsigned). A run's
 * sums are HUGEINT in the store, which DuckDB writes to Parquet as DOUBLE (rounded past
 * 2^53), so the lake keeps them in two columns: `value` UBIGINT, and `value_wide`
 * DECIMAL(38,0) (Parquet's exact 16-byte integer) holding the sums past 64 bits, NULL
 * otherwise; `coalesce(value, value_wide)` is the exact sum. Not DECIMAL(38,0) for all:
 * DuckDB casts it to HUGEINT at about 1 µs a value (5 s for 1,000 runs' counters), and
 * JavaScript readers such as hyparquet turn decimals into floats.
 *
 * Counter rows name their run and key by 64-bit hashes: run_hash (of the batch and the
 * run's content hash: a run in its batch) and key_hash (of the key text): the first 8
 * bytes of their sha256, the same in every store and engine. The runs and keys files map
 * them to content hash and identity, and key text. With the text in every counter row
 * instead, exporting 1,000 runs took twice as long and the lake was 45% larger.
 */
export const LAKE_COLUMNS: Record<LakeDataset, ReadonlyArray<readonly [string, string]>> = {
  runs: [
    ['batch', 'VARCHAR'], ['run_hash', 'UBIGINT'], ['source_run_id', 'INTEGER'], ['content_hash', 'VARCHAR'], ['fingerprint', 'VARCHAR'],
    ['source_kind', 'VARCHAR'], ['source_path', 'VARCHAR'], ['fork', 'VARCHAR'], ['ref', 'VARCHAR'],
    ['commit_hash', 'VARCHAR'], ['commit_date', 'VARCHAR'], ['python_version', 'VARCHAR'], ['machine', 'VARCHAR'],
    ['nickname', 'VARCHAR'], ['benchmark', 'VARCHAR'], ['flags', 'VARCHAR'], ['n_files', 'INTEGER'],
    ['specialized_instructions', 'VARCHAR'], ['stats_defines', 'VARCHAR'], ['defines', 'VARCHAR'],
    ['metadata', 'VARCHAR'], ['ingested_at', 'TIMESTAMP'], ['month', 'VARCHAR'], ['fork_dir', 'VARCHAR'],
  ],
  keys: [['batch', 'VARCHAR'], ['key_hash', 'UBIGINT'], ['key', 'VARCHAR']],
  files: [
    ['batch', 'VARCHAR'], ['run_hash', 'UBIGINT'], ['content_hash', 'VARCHAR'], ['ord', 'INTEGER'], ['path', 'VARCHAR'], ['size_bytes', 'BIGINT'],
    ['file_hash', 'VARCHAR'], ['line_count', 'INTEGER'], ['problem_count', 'INTEGER'], ['problems', 'VARCHAR'],
  ],
  run_counters: [['run_hash', 'UBIGINT'], ['key_hash', 'UBIGINT'], ['ord', 'INTEGER'], ['value', 'UBIGINT'], ['value_wide', 'DECIMAL(38,0)']],
  file_counters: [['run_hash', 'UBIGINT'], ['file_ord', 'INTEGER'], ['key_hash', 'UBIGINT'], ['value', 'UBIGINT']],
};

export const PARTITION_COLUMNS = [['fork', 'VARCHAR'], ['month', 'VARCHAR']] as const;

/**
 * Batch ids sort by the time the export started (UTC), then by chance: the lake's run
 * order, and so its RUN ids, follow the order in which runs reached the lake.
 */
const BATCH = /^(\d{8}T\d{9}Z-[0-9a-f]{8})(?:_\d+)?\.parquet$/;

export function newBatchId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/** The batch a lake file belongs to, from its name; null for a name no export writes. */
export function batchOfFile(name: string): string | null {
  return BATCH.exec(name)?.[1] ?? null;
}

/** A lake's committed files, each list sorted. */
export interface LakeFiles {
  dir: string;
  batches: string[];
  runs: string[];
  keys: string[];
  files: string[];
  run_counters: string[];
  file_counters: string[];
}

export class NoLakeError extends Error {
  constructor(readonly dir: string, why = 'it does not exist') {
    super(`no lake at ${dir} (${why}): export a store into it first (pystats lake export --db F --out ${dir})`);
  }
}

/**
 * The files readers may read. The runs files are listed first: an export publishes a
 * batch's other files before its runs file, so every batch seen committed here already
 * has all its files in place when the rest is listed.
 */
export function listLake(dir: string, forExport = false): LakeFiles {
  if (!existsSync(dir)) throw new NoLakeError(dir);
  if (!statSync(dir).isDirectory()) throw new NoLakeError(dir, 'it is not a directory');
  // A lake has a runs folder from its first export on; an export may start one anywhere.
  if (!forExport && !existsSync(join(dir, 'runs'))) throw new NoLakeError(dir, 'it has no runs/ folder: it is not a pystats lake');
  const runs = parquetFiles(join(dir, 'runs'));
  const batches = runs.map((f) => batchOfFile(basename(f))!);
  const committed = new Set(batches);
  const ofCommitted = (files: string[]) => files.filter((f) => committed.has(batchOfFile(basename(f))!));
  return {
    dir,
    batches,
    runs,
    keys: ofCommitted(parquetFiles(join(dir, 'keys'))),
    files: ofCommitted(parquetFiles(join(dir, 'files'))),
    run_counters: ofCommitted(parquetFiles(join(dir, 'run_counters'))),
    file_counters: ofCommitted(parquetFiles(join(dir, 'file_counters'))),
  };
}

/** A lake file that is not what an export writes: foreign, truncated or unreadable. */
export class LakeFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`lake file ${file}: ${reason}`);
  }
}

/**
 * Every .parquet file under `dir` (recursively), sorted; none when it does not exist. A
 * Parquet file whose name no export writes was put there by someone else: reading past
 * it would answer from part of the data, so it is an error.
 */
export function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => join(dir, f))
    .sort();
  const foreign = files.find((f) => batchOfFile(basename(f)) === null);
  if (foreign) throw new LakeFileError(foreign, 'not a file pystats lake export writes (its name has no export batch id); move it out of the lake');
  return files;
}
