/**
 * A store written before `texts` (its runs a table holding every run's JSON texts) is read
 * as it is by read commands, and upgraded whole, in one transaction, by the first command
 * that opens it to write: the same runs (ingested_at included), counters and reports after.
 * The old store is built with the DDL pystats had then (test/fixtures/ddl-before-texts.sql)
 * and the sample's rows.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { fromRoot } from '../pipeline/package-root.js';
import { tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');
const SAMPLE = [fromRoot('data', 'raw', 'raw-multi-coroutines'), fromRoot('data', 'bench_runner')];

function pystats(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Every run row (texts and ingested_at included), every counter: what must survive the upgrade. */
function contents(db: string): string {
  return pystats('sql', `SELECT 'runs', count(*), sum(hash(r)) FROM runs r
    UNION ALL SELECT 'run_counters', count(*), sum(hash(run_id, key_id, ord, value)) FROM run_counters
    UNION ALL SELECT 'file_counters', count(*), sum(hash(file_id, key_id, value)) FROM file_counters
    UNION ALL SELECT 'files', count(*), sum(hash(f)) FROM files f
    UNION ALL SELECT 'keys', count(*), sum(hash(k)) FROM keys k ORDER BY 1`, '--db', db, '--format', 'csv');
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let current: string;
let old: string;

beforeAll(async () => {
  const dir = tempDir('pystats-upgrade-');
  current = join(dir, 'current.duckdb');
  pystats('ingest', ...SAMPLE, '--db', current, '--quiet');
  old = join(dir, 'old.duckdb');
  const instance = await DuckDBInstance.create(old);
  const conn = await instance.connect();
  await conn.run(readFileSync(fromRoot('test', 'fixtures', 'ddl-before-texts.sql'), 'utf8'));
  await conn.run(readFileSync(fromRoot('schemas', 'sql', 'views.sql'), 'utf8'));
  await conn.run(`ATTACH '${current}' AS cur (READ_ONLY)`);
  for (const t of ['runs', 'keys', 'files', 'file_counters', 'run_counters', 'run_links']) {
    await conn.run(`INSERT INTO main.${t} SELECT * FROM cur.${t}`);
  }
  await conn.run('DETACH cur');
  conn.closeSync();
  instance.closeSync();
}, 120_000);

describe('a store written before texts', () => {
  it('reads as it is: the same runs, reports and contents, and the file is not changed', () => {
    const before = sha(old);
    expect(pystats('runs', '--db', old, '--format', 'csv')).toBe(pystats('runs', '--db', current, '--format', 'csv'));
    expect(pystats('report', '1', '--db', old)).toBe(pystats('report', '1', '--db', current));
    expect(contents(old)).toBe(contents(current));
    expect(sha(old)).toBe(before);
  });

  it('is upgraded by the first write: texts stored once, every row as it was, then ingests go on', () => {
    const runsBefore = contents(old);
    const ingestedAt = pystats('sql', 'SELECT run_id, ingested_at FROM runs ORDER BY run_id', '--db', old, '--format', 'csv');
    pystats('ingest', ...SAMPLE, '--db', old, '--quiet');
    expect(contents(old)).toBe(runsBefore);
    expect(pystats('sql', 'SELECT run_id, ingested_at FROM runs ORDER BY run_id', '--db', old, '--format', 'csv')).toBe(ingestedAt);
    expect(pystats('sql', "SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('runs', 'run_records', 'texts', 'runs_before_texts') ORDER BY 1", '--db', old, '--format', 'csv'))
      .toBe('table_name,table_type\nrun_records,BASE TABLE\nruns,VIEW\ntexts,BASE TABLE\n');
    // The tables every ingest adds to have no index left to rewrite at each checkpoint (ddl.sql).
    expect(pystats('sql', "SELECT count(*) FROM duckdb_constraints() WHERE table_name IN ('files', 'run_records', 'texts') AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')", '--db', old, '--format', 'csv'))
      .toBe('count_star()\n0\n');
    // As many texts as distinct texts the runs have, each once.
    expect(pystats('sql', `SELECT (SELECT count(*) FROM texts) = (SELECT count(DISTINCT t) FROM (SELECT unnest([specialized_instructions, stats_defines, defines, metadata]) t FROM runs) WHERE t IS NOT NULL) AS once`, '--db', old, '--format', 'csv'))
      .toBe('once\ntrue\n');
    expect(pystats('runs', '--db', old, '--format', 'csv')).toBe(pystats('runs', '--db', current, '--format', 'csv'));
    expect(pystats('report', '1', '--db', old)).toBe(pystats('report', '1', '--db', current));
    // A new run after the upgrade: stored, its texts shared with the runs of its CPython.
    const extra = fromRoot('test', 'fixtures', 'published', 'benchmarking-public', 'results', 'bm-20250104-3.14.0a3+-0cafa97-PYTHON_UOPS',
      'bm-20250104-azure-x86_64-python-0cafa97932c6574734bb-3.14.0a3+-0cafa97-pystats-coroutines.json');
    pystats('ingest', extra, '--db', old, '--quiet');
    pystats('ingest', extra, '--db', current, '--quiet');
    expect(pystats('runs', '--db', old, '--format', 'csv')).toBe(pystats('runs', '--db', current, '--format', 'csv'));
    const last = pystats('sql', 'SELECT max(run_id) FROM runs', '--db', old, '--format', 'csv').split('\n')[1];
    expect(pystats('export-json', last, '--db', old)).toBe(pystats('export-json', last, '--db', current));
    expect(pystats('sql', 'SELECT count(*) = count(DISTINCT text) FROM texts', '--db', old, '--format', 'csv')).toMatch(/true/);
  });

  it('a file whose runs table pystats did not write is named, exit 1, and left as it was', async () => {
    const odd = join(tempDir('pystats-upgrade-odd-'), 'odd.duckdb');
    const instance = await DuckDBInstance.create(odd);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE runs (x INTEGER)');
    conn.closeSync();
    instance.closeSync();
    const before = sha(odd);
    const r = spawnSync(process.execPath, [CLI, 'ingest', ...SAMPLE, '--db', odd, '--quiet'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`cannot open the store ${odd}: its runs table is not one pystats wrote`));
    expect(r.stderr).not.toMatch(/internal error/);
    expect(sha(odd)).toBe(before);
  });
});

/**
 * A store written before run_counters_u64 (texts already, run_counters a table of HUGEINT
 * values) is upgraded by the first write: every counter moved, a sum past 64 bits to
 * run_counters_wide, the view run_counters reading the same rows. The old layout is made
 * from a current store by the statements that undo the change.
 */
describe('a store written before run_counters_u64', () => {
  let before: string;
  beforeAll(async () => {
    before = join(tempDir('pystats-upgrade-u64-'), 'before.duckdb');
    pystats('ingest', ...SAMPLE, '--db', before, '--quiet');
    const instance = await DuckDBInstance.create(before);
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE run_counters_hugeint AS SELECT * FROM run_counters;
      DROP VIEW run_counters; DROP TABLE run_counters_u64; DROP TABLE run_counters_wide;
      ALTER TABLE run_counters_hugeint RENAME TO run_counters;
      UPDATE run_counters SET value = value + 18446744073709551616 WHERE run_id = 2 AND ord = 0`);
    conn.closeSync();
    instance.closeSync();
  }, 120_000);

  it('reads as it is, and is upgraded by the first write with every counter as it was', () => {
    const layout = (db: string) => pystats('sql', "SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'run_counters%' ORDER BY 1", '--db', db, '--format', 'csv');
    expect(layout(before)).toBe('table_name,table_type\nrun_counters,BASE TABLE\n');
    const wide = "SELECT run_id, ord, value FROM run_counters WHERE value > 18446744073709551615";
    expect(pystats('sql', wide, '--db', before, '--format', 'csv')).toMatch(/^run_id,ord,value\n2,0,\d{20}\n$/);
    const counters = contents(before);
    const report = pystats('report', '2', '--db', before);
    const file = sha(before);
    expect(pystats('report', '1', '--db', before)).toBe(pystats('report', '1', '--db', current));
    expect(sha(before)).toBe(file);

    pystats('ingest', ...SAMPLE, '--db', before, '--quiet');
    expect(layout(before)).toBe('table_name,table_type\nrun_counters,VIEW\nrun_counters_u64,BASE TABLE\nrun_counters_wide,BASE TABLE\n');
    expect(contents(before)).toBe(counters);
    expect(pystats('report', '2', '--db', before)).toBe(report);
    expect(pystats('sql', 'SELECT run_id, ord FROM run_counters_wide', '--db', before, '--format', 'csv')).toBe('run_id,ord\n2,0\n');
    expect(pystats('sql', `SELECT (SELECT count(*) FROM run_counters_u64) + 1 = (SELECT count(*) FROM run_counters)`, '--db', before, '--format', 'csv')).toMatch(/true/);
  });
});
