/**
 * The start-up breakdown (PYSTATS_TIMING, pipeline/timing.ts) that `make bench` reads:
 * the built command, run on a real raw directory, writes the same report with it on, and a
 * timeline whose phases follow the pipeline (launcher, parse worker, DuckDB, load, render).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { phases, type Timeline } from '../pipeline/timing.js';
import { CPY } from './helpers/fixtures.js';
import { tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');

function summarize(env: Record<string, string>): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'summarize', join(CPY, 'raw-multi-coroutines'), '--date', '2031-02-03'], {
    encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28,
  });
  expect(r.status).toBe(0);
  return { stdout: r.stdout, stderr: r.stderr };
}

describe('PYSTATS_TIMING', () => {
  it('leaves the report as it is and writes the phases of the start-up in order', () => {
    const file = join(tempDir(), 'timing.json');
    const plain = summarize({});
    const timed = summarize({ PYSTATS_TIMING: file });
    expect(timed.stdout).toBe(plain.stdout);
    expect(timed.stderr).toBe('');

    const timeline = JSON.parse(readFileSync(file, 'utf8')) as Timeline;
    const all = phases(timeline.marks);
    const main = all.filter((p) => p.lane === null).map((p) => p.name);
    // The main thread's phases, in the order the pipeline runs them.
    const expected = [
      'node boot + launcher', 'workers started', 'DuckDB binding loaded', 'cli bundle (yargs, commands)',
      'arguments (yargs)', 'inputs listed, jobs sent', 'DuckDB ready', 'load (wait for workers, append)',
      'SQL (read the sums back)', 'render', 'first byte of the report', 'report written', 'exit',
    ];
    expect(main.filter((name) => expected.includes(name))).toEqual(expected);
    // The worker's and DuckDB's own phases, placed on the main thread's clock.
    const lanes = new Set(all.map((p) => p.lane?.replace(/ \d+$/, '')));
    expect([...lanes]).toEqual(expect.arrayContaining(['worker', 'duckdb', 'load']));
    const parsed = all.find((p) => / job 0 parsed \(20 files\)$/.test(p.name));
    expect(parsed?.lane).toMatch(/^worker \d+$/);
    for (const p of all) expect(p.ms).toBeGreaterThanOrEqual(0);
    expect(all.at(-1)!.name).toBe('exit');
  });

  it('=1 prints the breakdown on stderr', () => {
    const { stderr } = summarize({ PYSTATS_TIMING: '1' });
    expect(stderr).toMatch(/^start-up breakdown/);
    expect(stderr).toMatch(/\n {2}duckdb: open, connect, tables +\d+\.\d ms/);
  });
});
