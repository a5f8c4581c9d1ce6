/**
 * One lake fed by several stores (sharded ingest), exports killed with -9, and lakes with
 * bad files: every run once, nothing half-read, every bad file named.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listLake, STAGING } from '../pipeline/store/lake/layout.js';
import { openReadStore } from '../pipeline/store/store.js';
import { CLI, ingested, ok, pystats, SAMPLE, SAMPLE_HALVES } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

let whole: string;
let halves: [string, string];

beforeAll(() => {
  whole = ingested(SAMPLE);
  halves = [ingested(SAMPLE_HALVES[0]), ingested(SAMPLE_HALVES[1])];
});

function newLake(): string {
  return join(tempDir('pystats-lake-'), 'lake');
}

/** What a lake holds, independent of ids and ingest times: runs, files and counters by content. */
async function contents(lake: string): Promise<unknown[][][]> {
  const store = await openReadStore({ lake });
  const q = async (sql: string) => (await store.conn.runAndReadAll(sql)).getRows();
  try {
    return [
      await q(`SELECT content_hash, fingerprint, source_kind, source_path, fork, ref, commit_hash, commit_date, python_version,
                      machine, nickname, benchmark, flags, n_files, specialized_instructions, stats_defines, defines, metadata
               FROM runs ORDER BY content_hash`),
      await q('SELECT r.content_hash, f.ord, f.path, f.size_bytes, f.content_hash, f.line_count FROM files f JOIN runs r USING (run_id) ORDER BY 1, 2'),
      await q(`SELECT r.content_hash, count(*) n, sum(c.ord) ords, sum(c.value) total,
                      md5(string_agg(k.key || '=' || c.value::VARCHAR, ',' ORDER BY c.ord)) h
               FROM run_counters c JOIN runs r USING (run_id) JOIN keys k USING (key_id) GROUP BY 1 ORDER BY 1`),
      await q('SELECT count(*) runs, count(DISTINCT content_hash) distinct_runs FROM runs'),
    ];
  } finally {
    store.close();
  }
}

describe('several stores into one lake', () => {
  it('two stores of disjoint halves exported into one lake equal the lake of one store that ingested everything', async () => {
    const shared = newLake();
    expect(ok('lake', 'export', '--db', halves[0], '--out', shared)).toMatch(/^exported 17 runs/);
    expect(ok('lake', 'export', '--db', halves[1], '--out', shared)).toMatch(/^exported 14 runs \(0 already in the lake\)/);
    const single = newLake();
    ok('lake', 'export', '--db', whole, '--out', single);
    const want = await contents(single);
    expect(want[3]).toEqual([[31n, 31n]]);
    expect(await contents(shared)).toEqual(want);
    // The store of everything adds nothing to the shared lake: every run is there by content.
    expect(ok('lake', 'export', '--db', whole, '--out', shared)).toBe(`nothing to export: ${shared} already holds the store's 31 runs\n`);
    // Imported into one store, the shared lake is the whole sample once.
    const merged = join(tempDir('pystats-lake-'), 'merged.duckdb');
    ok('lake', 'import', shared, single, '--db', merged);
    expect(ok('sql', 'SELECT count(*) n, count(DISTINCT content_hash) d FROM runs', '--db', merged, '--format', 'csv')).toBe('n,d\n31,31\n');
  });

  it('two exports that raced and both wrote a run: readers take it once, from the earlier batch', async () => {
    const a = newLake();
    const b = newLake();
    ok('lake', 'export', '--db', halves[0], '--out', a);
    ok('lake', 'export', '--db', whole, '--out', b);
    // Both batches in one lake: 17 runs are in both, as if the two exports had not seen each other.
    cpSync(join(a), join(b), { recursive: true });
    expect(listLake(b).batches).toHaveLength(2);
    const single = newLake();
    ok('lake', 'export', '--db', whole, '--out', single);
    expect(await contents(b)).toEqual(await contents(single));
  });
});

/** Starts an export that stops at `step` (PYSTATS_TEST_PAUSE_LAKE_EXPORT) and kills it with SIGKILL there. */
function exportKilledAt(db: string, lake: string, step: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'lake', 'export', '--db', db, '--out', lake],
      { env: { ...process.env, PYSTATS_TEST_PAUSE_LAKE_EXPORT: step } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`paused at ${step}`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`export was not killed (exit ${code}): ${stderr}`));
    });
  });
}

describe('an export killed with -9', () => {
  for (const step of ['staged', 'before-runs']) {
    it(`at ${step}: readers see the lake as before, and the next export completes it with every run once`, async () => {
      const lake = newLake();
      ok('lake', 'export', '--db', halves[0], '--out', lake);
      const before = await contents(lake);
      await exportKilledAt(whole, lake, step);
      expect(readdirSync(join(lake, STAGING))).toHaveLength(1);
      if (step === 'before-runs') expect(listLake(lake).batches).toHaveLength(1);
      expect(await contents(lake)).toEqual(before);

      const r = pystats('lake', 'export', '--db', whole, '--out', lake);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/removed the leftovers of an interrupted export/);
      expect(r.stdout).toMatch(/^exported 14 runs \(17 already in the lake\)/);
      expect(readdirSync(join(lake, STAGING))).toHaveLength(0);
      const single = newLake();
      ok('lake', 'export', '--db', whole, '--out', single);
      expect(await contents(lake)).toEqual(await contents(single));
      // No file of the killed batch is left behind.
      const batches = new Set(listLake(lake).batches);
      const all = readdirSync(lake, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.parquet'));
      expect(all.every((f) => [...batches].some((b) => f.includes(b)))).toBe(true);
    }, 120_000);
  }
});

describe('a lake with a bad file', () => {
  let lake: string;
  beforeAll(() => {
    lake = newLake();
    ok('lake', 'export', '--db', whole, '--out', lake);
  });

  function damaged(): string {
    const copy = newLake();
    cpSync(lake, copy, { recursive: true });
    return copy;
  }

  function expectNamed(dir: string, file: string, reason: RegExp): void {
    for (const args of [['runs', '--lake', dir], ['trend', 'instructions', '--lake', dir]]) {
      const r = pystats(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^pystats: lake file /);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    const store = join(tempDir('pystats-lake-'), 'into.duckdb');
    const imp = pystats('lake', 'import', dir, '--db', store);
    expect(imp.status).toBe(1);
    expect(imp.stderr).toContain(file);
  }

  it('a truncated counters file is named', () => {
    const dir = damaged();
    const file = listLake(dir).run_counters[3];
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    // The batch's manifest (issue 17) catches it first: its size is not what the export wrote.
    expectNamed(dir, file, /bytes where the export wrote \d+: damaged or replaced/);
  });

  it('a truncated runs file is named', () => {
    const dir = damaged();
    const file = listLake(dir).runs[0];
    truncateSync(file, 100);
    expectNamed(dir, file, /100 bytes where the export wrote \d+: damaged or replaced/);
  });

  it('a foreign Parquet file under an export batch name is named with the column it lacks', () => {
    const dir = damaged();
    const keys = listLake(dir).keys[0];
    // A real Parquet file of the lake, but of another dataset: no key_hash or key column.
    cpSync(listLake(dir).files[0], keys);
    expectNamed(dir, keys, /bytes where the export wrote \d+: damaged or replaced/);
  });

  it('a Parquet file no export wrote is named', () => {
    const dir = damaged();
    const file = join(dir, 'run_counters', 'fork=python', 'month=2024-06', 'part-0.parquet');
    cpSync(listLake(dir).run_counters[0], file);
    expectNamed(dir, file, /not a file pystats lake export writes/);
  });

  it('a file that is not Parquet at all is named', () => {
    const dir = damaged();
    const file = listLake(dir).files[0];
    writeFileSync(file, 'fork,month\npython,2024-06\n');
    expectNamed(dir, file, /26 bytes where the export wrote \d+: damaged or replaced/);
    expect(existsSync(file)).toBe(true);
  });
});
