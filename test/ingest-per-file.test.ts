/**
 * `pystats ingest` keeps each process's rows of a raw run only with --per-file: without it
 * the run's sums are the same (key for key, in order), its files are listed the same, and
 * the commands that read per-process rows name the runs that have none instead of leaving
 * them out without a word. Through the CLI, on the bundled sample's raw directory.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { ok, pystats } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

const RAW = fromRoot('data', 'raw', 'raw-multi-coroutines');
let sumsOnly: string;
let perFile: string;

const sql = (db: string, query: string) => ok('sql', '--db', db, '--format', 'csv', query);

beforeAll(() => {
  sumsOnly = join(tempDir('pystats-per-file-'), 'sums.duckdb');
  perFile = join(tempDir('pystats-per-file-'), 'per-file.duckdb');
  ok('ingest', RAW, '--db', sumsOnly, '--quiet');
  ok('ingest', RAW, '--db', perFile, '--quiet', '--per-file');
});

describe('ingest without and with --per-file', () => {
  it('stores the same run, files and sums; per-process rows only with --per-file', () => {
    for (const q of [
      'SELECT run_id, key, ord, value FROM run_counters JOIN keys USING (key_id) ORDER BY run_id, ord',
      'SELECT file_id, run_id, ord, path, size_bytes, content_hash, line_count, problem_count FROM files ORDER BY file_id',
      'SELECT run_id, content_hash, fingerprint, source_kind, n_files FROM runs',
    ]) {
      expect(sql(sumsOnly, q), q).toBe(sql(perFile, q));
    }
    expect(sql(sumsOnly, 'SELECT count(*) AS n FROM file_counters')).toBe('n\n0\n');
    expect(sql(perFile, 'SELECT count(*) AS n FROM file_counters')).not.toBe('n\n0\n');
    // The sums are the per-process rows summed.
    expect(sql(perFile, `SELECT key, sum(value)::HUGEINT AS v FROM file_counter_rows GROUP BY key ORDER BY key`))
      .toBe(sql(perFile, `SELECT key, value AS v FROM run_counters JOIN keys USING (key_id) WHERE key <> '__nfiles__' ORDER BY key`));
  });

  it('sql over per-process tables names the runs without them on stderr, the rows unchanged', () => {
    const q = 'SELECT count(*) AS n FROM file_counter_rows';
    const without = pystats('sql', '--db', sumsOnly, q);
    expect(without.status).toBe(0);
    expect(without.stderr).toContain(`note: run 1 (${RAW}) has no per-process rows (ingest keeps them only with --per-file`);
    expect(without.stderr).toContain(`pystats ingest --per-file --replace ${RAW}`);
    const kept = pystats('sql', '--db', perFile, q);
    expect(kept.stderr).toBe('');
    // Queries that do not read them say nothing.
    expect(pystats('sql', '--db', sumsOnly, 'SELECT count(*) FROM run_counters').stderr).toBe('');
  });

  it('trend --per-file and lake export --per-file say which runs they lack', () => {
    const trend = pystats('trend', 'instructions', '--per-file', '--x', 'order', '--db', sumsOnly, '--format', 'csv');
    expect(trend.status).toBe(0);
    expect(trend.stderr).toMatch(/^note: run 1 \(.*\) has no per-process rows \(ingest keeps them only with --per-file; .*\): the per-file values leave them out/);
    expect(pystats('trend', 'instructions', '--per-file', '--x', 'order', '--db', perFile, '--format', 'csv').stderr).toBe('');
    const lake = pystats('lake', 'export', '--db', sumsOnly, '--out', join(tempDir('pystats-per-file-'), 'lake'), '--per-file');
    expect(lake.status).toBe(0);
    expect(lake.stderr).toContain('the lake gets none of theirs');
  });

  it('--replace --per-file adds them to a run stored without', () => {
    const db = join(tempDir('pystats-per-file-'), 'again.duckdb');
    ok('ingest', RAW, '--db', db, '--quiet');
    expect(pystats('ingest', RAW, '--db', db, '--per-file').stderr).toContain('already stored');
    ok('ingest', RAW, '--db', db, '--quiet', '--per-file', '--replace');
    expect(sql(db, 'SELECT count(*) AS n FROM file_counters')).toBe(sql(perFile, 'SELECT count(*) AS n FROM file_counters'));
    expect(pystats('sql', '--db', db, 'SELECT count(*) FROM file_counters').stderr).toBe('');
  });
});
