/** The built CLI run as its own process, and the bundled sample as stores and lakes. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { fromRoot } from '../../pipeline/package-root.js';
import { tempDir } from './store.js';

export const CLI = fromRoot('dist', 'cli', 'main.js');

/** The bundled sample in two disjoint halves: a raw directory plus one results tree, and another tree. */
export const SAMPLE_HALVES = [
  [fromRoot('data', 'raw', 'raw-multi-coroutines'), fromRoot('data', 'bench_runner', 'free-threading-benchmarking')],
  [fromRoot('data', 'bench_runner', 'benchmarking-public')],
] as const;
export const SAMPLE = [...SAMPLE_HALVES[0], ...SAMPLE_HALVES[1]];

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
  ok('ingest', ...paths, '--db', db, '--quiet');
  return db;
}
