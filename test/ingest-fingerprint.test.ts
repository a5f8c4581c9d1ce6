/**
 * A run's fingerprint (its files' names, sizes and mtimes) lets a re-ingest skip it unread.
 * Into a new store the fingerprints come from the workers' stats of the files as they read
 * them; into a store that may hold runs, from a stat of every file before reading: both
 * must give the same text, or the next ingest would read everything again. Through the CLI,
 * on the bundled sample (bench_runner JSONs and a raw directory).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { discoverInputs } from '../pipeline/discover/discover-inputs.js';
import { planRun } from '../pipeline/load/run-plan.js';
import { ok, pystats } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

const INPUTS = [fromRoot('data', 'raw', 'raw-multi-coroutines'), fromRoot('data', 'bench_runner')];

it('a new store keeps the fingerprints a stat gives, and the same ingest again reads nothing', async () => {
  const db = join(tempDir('pystats-fingerprint-'), 'store.duckdb');
  ok('ingest', ...INPUTS, '--db', db, '--quiet');
  const stored = new Map(
    ok('sql', '--db', db, '--format', 'csv', 'SELECT source_path, fingerprint FROM runs ORDER BY run_id')
      .trim().split('\n').slice(1).map((line) => line.split(',') as [string, string]),
  );
  const sources = await discoverInputs(INPUTS);
  expect(stored.size).toBe(sources.length);
  for (const source of sources) {
    const where = source.kind === 'raw' ? source.dir : source.path;
    expect(stored.get(where), where).toBe(planRun(source, 'now').fingerprint);
  }
  const again = pystats('ingest', ...INPUTS, '--db', db);
  expect(again.status).toBe(0);
  const skipped = again.stderr.split('\n').filter((line) => line.startsWith('skipped '));
  expect(skipped).toHaveLength(sources.length);
  for (const line of skipped) expect(line).toMatch(/: unchanged since run \d+$/);
});
