/**
 * The Parquet lake round trip on the bundled sample: ingest → lake export → lake import
 * into a fresh store. Every read gives the same bytes from the store file, from the lake
 * (--lake) and from the imported store; counters stay exact past 64 bits; and the files
 * are standard Parquet that a reader other than DuckDB (hyparquet) reads to the same sums.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { DuckDBInstance } from '@duckdb/node-api';
import { fromRoot } from '../pipeline/package-root.js';
import { openReadStore, type StoreSource } from '../pipeline/store/store.js';
import { listLake } from '../pipeline/store/lake/layout.js';
import { everyRunOutput, ingested, ok, pystats, SAMPLE } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

let db: string;
let lake: string;
let imported: string;

beforeAll(() => {
  db = ingested(SAMPLE);
  lake = join(tempDir('pystats-lake-'), 'lake');
  expect(ok('lake', 'export', '--db', db, '--out', lake, '--per-file')).toMatch(/^exported 31 runs \(0 already in the lake\)/);
  imported = join(tempDir('pystats-lake-'), 'imported.duckdb');
  expect(ok('lake', 'import', lake, '--db', imported)).toMatch(/^imported 31 runs from .* \(0 already stored\)/);
});

/** A table's rows in a stable order, keys as text (key ids are a store's own). */
async function rowsOf(source: StoreSource, sql: string): Promise<unknown[][]> {
  const store = await openReadStore(source);
  try {
    return (await store.conn.runAndReadAll(sql)).getRows();
  } finally {
    store.close();
  }
}

const TABLES = [
  'SELECT * FROM runs ORDER BY run_id',
  'SELECT * FROM files ORDER BY file_id',
  'SELECT run_id, key, ord, value FROM run_counters JOIN keys USING (key_id) ORDER BY run_id, ord',
  'SELECT file_id, key, value FROM file_counters JOIN keys USING (key_id) ORDER BY file_id, key',
];

describe('lake round trip', () => {
  it('the store imported from the lake holds the same rows, with the same run and file ids', async () => {
    for (const sql of TABLES) {
      const want = await rowsOf({ db }, sql);
      expect(want.length, sql).toBeGreaterThan(30);
      expect(await rowsOf({ db: imported }, sql), sql).toEqual(want);
      expect(await rowsOf({ lake }, sql), `${sql} over the lake`).toEqual(want);
    }
  });

  it('every run: report and export-json are byte-identical from the store and from the lake', async () => {
    const fromDb = await everyRunOutput({ db });
    expect(fromDb).toHaveLength(62);
    expect(fromDb.filter((t) => t.startsWith('error')).length).toBeLessThan(10);
    expect(await everyRunOutput({ lake })).toEqual(fromDb);
  }, 180_000);

  it('runs, report, export-json, sql and trend print the same bytes with --lake as with --db', () => {
    const commands = [
      ['runs'], ['runs', '--format', 'json', '--fork', 'python'],
      ['report', '4', '--date', '2024-01-01'], ['report', '--fork', 'python', '--benchmark', 'all', '--since', '2024-04-01', '--until', '2024-04-30', '--date', '2024-01-01'],
      ['export-json', '2'],
      ['sql', "SELECT family, count(*) n, sum(value) total FROM counters GROUP BY family ORDER BY family", '--format', 'csv'],
      ['trend', 'spec.hit:LOAD_ATTR'], ['trend', 'instructions', '--format', 'csv'],
      ['trend', 'alloc.per_kinstr', '--per-file', '--format', 'json'],
    ];
    for (const args of commands) {
      const want = ok(...args, '--db', db);
      expect(want.length, args.join(' ')).toBeGreaterThan(100);
      expect(ok(...args, '--lake', lake), `${args.join(' ')} --lake`).toBe(want);
      expect(ok(...args, '--db', imported), `${args.join(' ')} imported`).toBe(want);
    }
  });

  it('exporting again writes nothing, importing again adds nothing', () => {
    const before = listLake(lake);
    expect(ok('lake', 'export', '--db', db, '--out', lake)).toBe(`nothing to export: ${lake} already holds the store's 31 runs\n`);
    expect(ok('lake', 'export', '--db', imported, '--out', lake, '--per-file')).toMatch(/^nothing to export/);
    expect(listLake(lake)).toEqual(before);
    expect(ok('lake', 'import', lake, '--db', imported)).toMatch(/^imported 0 runs from .* \(31 already stored\)/);
  });

  it('refuses --lake with --db, and writing to a lake', () => {
    const both = pystats('runs', '--lake', lake, '--db', db);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/lake and db are mutually exclusive/);
    const write = pystats('sql', 'CREATE TABLE t AS SELECT 1', '--lake', lake, '--write');
    expect(write.status).toBe(1);
    expect(write.stderr).toMatch(/^pystats: a lake is written only by 'pystats lake export'/);
    const none = pystats('runs', '--lake', join(lake, 'nothing-here'));
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`no lake at ${join(lake, 'nothing-here')}`);
  });
});

describe('the README queries the lake from DuckDB SQL', () => {
  it("its trend query on the lake's own tables gives the values of pystats trend over --lake", async () => {
    const readme = readFileSync(fromRoot('README.md'), 'utf8');
    // The DuckDB setup block, then the query the README gives for every engine.
    const block = (marker: string) => /```sql\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(marker)))![1];
    const sql = (block('The stock `duckdb` CLI') + block("The same trend as SQL on the lake's tables"))
      .replaceAll("read_parquet('", `read_parquet('${lake}/`);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    let rows;
    try {
      const statements = sql.split(/;\s*$/m).filter((st) => st.trim() !== '');
      for (const st of statements.slice(0, -1)) await conn.run(st);
      rows = (await conn.runAndReadAll(statements.at(-1)!)).getRows().map(([date, v]) => [String(date).slice(0, 10), String(v)]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    const command = /```sh\n(pystats trend [^\n]*)\n```/.exec(readme)![1].split(' ').slice(1)
      .map((a, i, all) => (all[i - 1] === '--lake' ? lake : a === "''" ? '' : a));
    const csv = ok(...command, '--format', 'csv').trim().split('\n');
    const header = csv[0].split(',');
    const trend = csv.slice(1).map((line) => line.split(',')).map((f) => [f[header.indexOf('date')], f[header.indexOf('value')]]);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(trend);
  });
});

describe('exact counters in the lake', () => {
  // 3 × 2^64 + 7: beyond UBIGINT and far beyond a DOUBLE's 53 bits.
  const BIG = 3n * 2n ** 64n + 7n;
  let bigLake: string;

  beforeAll(() => {
    const big = join(tempDir('pystats-lake-'), 'big.duckdb');
    copyFileSync(db, big);
    // A sum past 64 bits is kept in run_counters_wide (ddl.sql): this counter becomes one.
    ok('sql', `INSERT INTO run_counters_wide SELECT run_id, key_id, ord, ${BIG} FROM run_counters_u64 WHERE run_id = 2 AND ord = 0`, '--db', big, '--write');
    ok('sql', 'DELETE FROM run_counters_u64 WHERE run_id = 2 AND ord = 0', '--db', big, '--write');
    bigLake = join(tempDir('pystats-lake-'), 'lake');
    ok('lake', 'export', '--db', big, '--out', bigLake);
  });

  it('a run sum past 64 bits reads back exactly through --lake', () => {
    expect(ok('sql', 'SELECT value::VARCHAR v FROM run_counters WHERE run_id = 2 AND ord = 0', '--lake', bigLake, '--format', 'csv'))
      .toBe(`v\n${BIG}\n`);
  });

  it('hyparquet, a Parquet reader that is not DuckDB, reads run_counters to the same sums as the store', async () => {
    const files = listLake(lake).run_counters;
    expect(files.length).toBeGreaterThan(5);
    // Counter rows name their key by key_hash; the keys files give its text.
    const keyOf = new Map<bigint, string>();
    for (const file of listLake(lake).keys) {
      for (const row of await parquetReadObjects({ file: arrayBufferOf(file) })) keyOf.set(row.key_hash as bigint, row.key as string);
    }
    const sums = new Map<string, bigint>();
    let rows = 0;
    for (const file of files) {
      for (const row of await readSumsExactly(file)) {
        const key = keyOf.get(row.key_hash as bigint)!;
        expect(typeof row.value).toBe('bigint');
        sums.set(key, (sums.get(key) ?? 0n) + (row.value as bigint));
        rows++;
      }
    }
    const store = await openReadStore({ db });
    let want: Map<string, bigint>;
    try {
      const result = await store.conn.runAndReadAll('SELECT key, sum(value)::HUGEINT FROM counters GROUP BY key');
      want = new Map(result.getRows().map(([k, v]) => [k as string, v as bigint]));
      expect(rows).toBe(Number((await store.conn.runAndReadAll('SELECT count(*) FROM run_counters')).getRows()[0][0]));
    } finally {
      store.close();
    }
    expect(sums.size).toBe(want.size);
    expect(sums).toEqual(want);
  });

  it('hyparquet reads the 16-byte DECIMAL(38,0) past 64 bits exactly', async () => {
    const values = [];
    for (const file of listLake(bigLake).run_counters) {
      for (const row of await readSumsExactly(file)) values.push(row.value as bigint);
    }
    expect(values).toContain(BIG);
  });
});

/**
 * A run_counters file's rows as hyparquet reads them, with each sum as the exact BigInt
 * coalesce(value, value_wide). value is UBIGINT, which hyparquet reads as BigInt.
 * value_wide is DECIMAL(38,0), 16-byte big-endian two's complement integers, which
 * hyparquet turns into JS numbers (rounded past 2^53): its decimal annotation is taken off
 * before reading, and the bytes decoded as the Parquet format defines them.
 */
async function readSumsExactly(file: string): Promise<Array<Record<string, unknown>>> {
  const buffer = arrayBufferOf(file);
  const metadata = await parquetMetadataAsync(buffer);
  const wide = metadata.schema.find((e) => e.name === 'value_wide')!;
  expect([wide.type, wide.converted_type, wide.precision, wide.scale]).toEqual(['FIXED_LEN_BYTE_ARRAY', 'DECIMAL', 38, 0]);
  expect(metadata.schema.find((e) => e.name === 'value')!.converted_type).toBe('UINT_64');
  delete wide.converted_type;
  delete wide.logical_type;
  const rows = await parquetReadObjects({ file: buffer, metadata }) as Array<Record<string, unknown>>;
  for (const row of rows) {
    const raw = row.value_wide as Uint8Array | null;
    if (raw === null || raw === undefined) continue;
    let v = 0n;
    for (const b of raw) v = (v << 8n) | BigInt(b);
    if (raw[0] & 0x80) v -= 1n << BigInt(raw.length * 8);
    expect(row.value).toBeNull();
    row.value = v;
  }
  return rows;
}

function arrayBufferOf(file: string): ArrayBuffer {
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
