/** The built CLI run as its own process, and the bundled sample as stores and lakes. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { fromRoot } from '../../pipeline/package-root.js';
import { formatSummarizeJson } from '../../pipeline/json/summarize-json.js';
import { reportForRuns, selectRuns } from '../../pipeline/report/stored-report.js';
import { loadRunStats } from '../../pipeline/runs/read-runs.js';
import { openReadStore, type StoreSource } from '../../pipeline/store/store.js';
import { tempDir } from './store.js';

export const CLI = fromRoot('dist', 'cli', 'main.js');

/** The bundled sample (what `make run` ingests): a raw directory and two bench_runner result trees. */
export const SAMPLE = [fromRoot('data', 'raw', 'raw-multi-coroutines'), fromRoot('data', 'bench_runner')];

const PUBLIC = fromRoot('data', 'bench_runner', 'benchmarking-public', 'results');
/** The result files of the public tree, one result directory after another. */
const publicDirs = readdirSync(PUBLIC).sort().map((d) => join(PUBLIC, d));
const publicFiles = (dirs: string[]) => dirs.flatMap((d) => readdirSync(d).filter((f) => /-pystats.*\.json$/.test(f)).sort().map((f) => join(d, f)));

/** The sample in two disjoint halves, each with runs of several dates and forks. */
export const SAMPLE_HALVES = [
  [fromRoot('data', 'raw', 'raw-multi-coroutines'), fromRoot('data', 'bench_runner', 'free-threading-benchmarking'),
    ...publicFiles(publicDirs.filter((_, i) => i % 2 === 0))],
  publicFiles(publicDirs.filter((_, i) => i % 2 === 1)),
] as const;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function pystats(...args: string[]): CliResult {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
}

/** Runs a command that must succeed; returns its stdout. */
export function ok(...args: string[]): string {
  const r = pystats(...args);
  expect(r.status, `pystats ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** A new store file holding the given inputs. */
export function ingested(paths: readonly string[], name = 'store.duckdb'): string {
  const db = join(tempDir('pystats-lake-'), name);
  ok('ingest', ...paths, '--db', db, '--quiet', '--per-file');
  return db;
}

/** Every run's report (or the error the reference would also give) and summarize JSON. */
export async function everyRunOutput(source: StoreSource): Promise<string[]> {
  const store = await openReadStore(source);
  try {
    const ids = (await store.conn.runAndReadAll('SELECT run_id FROM runs ORDER BY run_id')).getRows().map((r) => Number(r[0]));
    const out: string[] = [];
    for (const id of ids) {
      const runs = await selectRuns(store.conn, id, {});
      out.push(await reportForRuns(store.conn, runs, { date: '2024-01-01' }).catch((err: Error) => `error: ${err.message}`));
      out.push(formatSummarizeJson(await loadRunStats(store.conn, [id]), 2));
    }
    return out;
  } finally {
    store.close();
  }
}
