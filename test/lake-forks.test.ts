/**
 * Issue 17, finding 2: the lake keeps every fork. Runs whose fork Hive or DuckDB would
 * read as NULL, or whose fork is too long for a directory name, lost their counters over
 * --lake (export-json printed {}, lake import stored them empty). Plain fork names keep
 * `fork=<name>` (what Spark/Trino users filter on); any other fork gets `fork=~<16 hex>` or
 * `fork=~none`, its text in the runs rows. Every read command must print the same bytes
 * over --db, over --lake and from a store imported from the lake.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyRunOutput, ok, pystats } from './helpers/lake.js';
import { CPY } from './helpers/fixtures.js';
import { tempDir } from './helpers/store.js';

/** The probe list of the issue, plus plain names; undefined = no fork (NULL). */
const FORKS: Array<string | undefined> = [
  undefined, 'null', 'Null', '__HIVE_DEFAULT_PARTITION__', 'x'.repeat(300), '漢'.repeat(40), 'python', 'faster-cpython',
];
/** One distinct real input per fork (runs are stored once per content). */
const INPUTS = [
  'raw-mixed', 'raw-multi-coroutines', 'raw-multi-floats', 'raw-multi-generators',
  'raw-single-coroutines', 'raw-single-floats', 'raw-single-generators', 'mixed.json',
].map((name) => join(CPY, name));

let db: string;
let lake: string;
let imported: string;

beforeAll(() => {
  const dir = tempDir('pystats-forks-');
  db = join(dir, 'store.duckdb');
  FORKS.forEach((fork, i) => {
    const identity = fork === undefined ? [] : ['--fork', fork];
    ok('ingest', INPUTS[i], '--db', db, '--quiet', '--per-file', '--commit-date', `2024-0${1 + (i % 3)}-15`, ...identity);
  });
  lake = join(dir, 'lake');
  ok('lake', 'export', '--db', db, '--out', lake, '--per-file');
  imported = join(dir, 'imported.duckdb');
  expect(ok('lake', 'import', lake, '--db', imported)).toMatch(/^imported 8 runs/);
});

/** The same command over the store, the lake and the imported store: the same stdout, exit 0. */
function same(...args: string[]): string {
  const outs = [['--db', db], ['--lake', lake], ['--db', imported]].map((src) => {
    const r = pystats(...args, ...src);
    expect(r.status, `pystats ${args.join(' ')} ${src.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  });
  expect(outs[1]).toBe(outs[0]);
  expect(outs[2]).toBe(outs[0]);
  return outs[0];
}

describe('every fork round-trips through the lake', () => {
  it('plain names keep fork=<name>; the others get a short stable code', () => {
    const dirs = readdirSync(join(lake, 'run_counters')).sort();
    expect(dirs).toContain('fork=python');
    expect(dirs).toContain('fork=faster-cpython');
    expect(dirs).toContain('fork=~none');
    expect(dirs.filter((d) => /^fork=~[0-9a-f]{16}$/.test(d))).toHaveLength(5);
    expect(dirs).toHaveLength(8);
    // Per-process rows are a raw run's only (a JSON run's one file holds its sums): the
    // forks of raw runs, each under the same directory name as its counters.
    expect(readdirSync(join(lake, 'file_counters')).sort()).toEqual(dirs.filter((d) => d !== 'fork=faster-cpython'));
  });

  it('runs, sql over the counters, trend: the same bytes over --db, --lake and after lake import', () => {
    const runs = same('runs', '--format', 'csv');
    expect(runs.trim().split('\n')).toHaveLength(9);
    const sums = same('sql', 'SELECT fork, count(*) AS n, sum(value) AS total FROM counters GROUP BY fork ORDER BY fork NULLS FIRST', '--format', 'csv');
    const lines = sums.trim().split('\n').slice(1);
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(Number(line.split(',').at(-2))).toBeGreaterThan(100);
    same('sql', 'SELECT f.run_id, count(*) AS n, sum(value) AS total FROM file_counters JOIN files f USING (file_id) GROUP BY ALL ORDER BY 1', '--format', 'csv');
    same('trend', 'instructions', '--format', 'csv');
    for (const fork of ['null', '__HIVE_DEFAULT_PARTITION__', '漢'.repeat(40)]) {
      expect(same('trend', 'instructions', '--fork', fork, '--format', 'csv').trim().split('\n').length).toBeGreaterThan(1);
    }
  }, 180_000);

  it('export-json and report of every run: the same bytes, never {}', async () => {
    const [fromDb, fromLake, fromImported] = await Promise.all([{ db }, { lake }, { db: imported }].map(everyRunOutput));
    expect(fromDb.filter((o) => o.startsWith('error: '))).toEqual([]);
    expect(fromDb).toHaveLength(2 * FORKS.length);
    expect(fromLake).toEqual(fromDb);
    expect(fromImported).toEqual(fromDb);
    for (const out of fromDb) expect(out.length).toBeGreaterThan(1000);
    // And as commands, for the runs whose fork was lost before.
    for (const id of ['1', '2', '4', '5', '6']) same('export-json', id);
  }, 180_000);

  it('a second export of the same store finds every run in the lake (nothing lost, nothing twice)', () => {
    expect(ok('lake', 'export', '--db', db, '--out', lake)).toMatch(/^nothing to export: .* already holds the store's 8 runs/);
    expect(ok('lake', 'import', lake, '--db', imported)).toMatch(/^imported 0 runs .* \(8 already stored\)/);
  });

  it('a lake of the earlier layout (no manifests, forks as they were) is refused with a clear message', () => {
    const old = join(tempDir('pystats-forks-'), 'old');
    ok('lake', 'export', '--db', db, '--out', old);
    rmSync(join(old, '_manifests'), { recursive: true });
    for (const args of [['runs', '--lake', old], ['lake', 'import', old, '--db', join(old, '..', 'x.duckdb')], ['lake', 'export', '--db', db, '--out', old]]) {
      const r = pystats(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^pystats: lake file .*runs\/\S+\.parquet: batch \S+ has no manifest .* export the stores again into a new lake directory\n$/);
    }
  });
});
