/**
 * Reading a lake: its committed files checked, then laid out on a DuckDB connection as
 * lake-level tables and views (lake-tables.sql). The store's lake backend and lake import
 * both read a lake through here; lake export only asks it which runs a lake holds.
 */
import { readFileSync } from 'node:fs';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../../../package-root.js';
import { verifyLakeFiles } from '../manifest.js';
import { LAKE_COLUMNS, LakeFileError, PARTITIONED, PARTITION_COLUMNS, type LakeDataset, type LakeFiles } from '../layout.js';

const DATASETS: LakeDataset[] = ['runs', 'keys', 'files', 'run_counters', 'file_counters'];

/** Creates lake_runs, lake_keys, lake_files (tables) and lake_run_texts, lake_run_counters, lake_file_counters (views). */
export async function loadLakeTables(conn: DuckDBConnection, lake: LakeFiles): Promise<void> {
  // Every file is checked against its batch's manifest (sizes, sha256) while DuckDB lays
  // the lake out: bytes damaged inside a Parquet file would otherwise read as other counters.
  const verified = verifyLakeFiles(lake.dir, lake.batches, DATASETS.flatMap((ds) => lake[ds])).then(() => null, (err: unknown) => err);
  const laid = layOut(conn, lake).then(() => null, (err: unknown) => err);
  // Both are awaited (DuckDB must be done before the caller closes it); a damaged file is
  // the cause to name, even when DuckDB also failed on it.
  const [damage, failed] = await Promise.all([verified, laid]);
  const failure = damage ?? failed;
  if (failure !== null) throw failure;
}

async function layOut(conn: DuckDBConnection, lake: LakeFiles): Promise<void> {
  await checkLakeFiles(conn, lake);
  let sql = readFileSync(fromRoot('pipeline', 'store', 'lake', 'read', 'lake-tables.sql'), 'utf8');
  for (const ds of DATASETS) sql = sql.replaceAll(`{{${ds}}}`, parquetSource(ds, lake[ds]));
  try {
    await conn.run(sql);
  } catch (err) {
    throw await blameFile(conn, lake, err);
  }
}

/**
 * A dataset's files as a DuckDB table expression. The file names are spliced into the
 * SQL, not bound: DuckDB takes no parameters in a view's definition, and the counters
 * must stay views (read at query time, not loaded whole). They are names this process
 * listed from the lake directory, written as SQL string literals with quotes doubled, so
 * no name can end the literal. A dataset without files is an empty relation of its columns.
 */
export function parquetSource(ds: LakeDataset, files: readonly string[]): string {
  const partitioned = (PARTITIONED as readonly string[]).includes(ds);
  if (files.length === 0) {
    const cols = [...LAKE_COLUMNS[ds], ...(partitioned ? PARTITION_COLUMNS : [])];
    return `(SELECT ${cols.map(([name, type]) => `NULL::${type} AS ${name}`).join(', ')} LIMIT 0)`;
  }
  const list = `[${files.map(sqlString).join(', ')}]`;
  // The partition values are text whatever they look like: a fork named 2024 stays '2024'.
  const hive = partitioned ? ", hive_partitioning = true, hive_types = {'fork': VARCHAR, 'month': VARCHAR}" : '';
  return `read_parquet(${list}${hive})`;
}

/** A string as an SQL literal (for the places DuckDB takes no parameter: views, COPY targets). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Every listed file must be Parquet with its dataset's columns. Checked up front (footers
 * only), so a truncated or foreign file is named here rather than failing some query later.
 */
export async function checkLakeFiles(conn: DuckDBConnection, lake: LakeFiles): Promise<void> {
  const all = DATASETS.flatMap((ds) => lake[ds].map((file) => [ds, file] as const));
  if (all.length === 0) return;
  let rows;
  try {
    rows = (await conn.runAndReadAll(
      'SELECT file_name, list(name) FROM parquet_schema($files::VARCHAR[]) GROUP BY file_name',
      { files: listValue(all.map(([, file]) => file)) },
    )).getRows();
  } catch (err) {
    throw await blameFile(conn, lake, err);
  }
  const columnsOf = new Map(rows.map(([file, names]) => [file as string, new Set((names as { items: string[] }).items)]));
  for (const [ds, file] of all) {
    const have = columnsOf.get(file) ?? new Set<string>();
    const missing = LAKE_COLUMNS[ds].map(([name]) => name).filter((name) => !have.has(name));
    if (missing.length > 0) {
      throw new LakeFileError(file, `not a pystats lake ${ds} file (no column ${missing.join(', ')}); move it out of the lake`);
    }
  }
}

/**
 * DuckDB's error while reading many files names the file only sometimes: each file is
 * opened alone until the one that fails is found.
 */
async function blameFile(conn: DuckDBConnection, lake: LakeFiles, err: unknown): Promise<unknown> {
  for (const ds of DATASETS) {
    for (const file of lake[ds]) {
      try {
        await conn.runAndReadAll('SELECT count(*) FROM parquet_metadata($file)', { file });
      } catch (fileErr) {
        const message = (fileErr as Error).message.replace(/\s+/g, ' ').trim();
        return new LakeFileError(file, `not a readable Parquet file (${message})`);
      }
    }
  }
  return err;
}
