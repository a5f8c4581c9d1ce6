/**
 * Reports from the store: every published bench_runner pair (JSON → .md with header and
 * links line) and both published comparisons, after ingesting the JSON files.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../pipeline/load/ingest.js';
import { getRun } from '../pipeline/runs/read-runs.js';
import { comparisonForRuns, reportForRuns, selectRuns } from '../pipeline/report/stored-report.js';
import type { Store } from '../pipeline/store/store.js';
import { PUBLISHED, publishedSets } from './helpers/fixtures.js';
import { tempDir, tempStore } from './helpers/store.js';

const sets = publishedSets();
const path = (p: string) => join(PUBLISHED, p);
let store: Store;
const runOf = new Map<string, number>();

beforeAll(async () => {
  store = await tempStore();
  const files = [...new Set([...sets.pairs.map((p) => p.json), ...sets.comparisons.flatMap((c) => [c.base_json, c.head_json])])];
  const report = await ingest(store, files.map(path));
  expect(report.errors).toEqual([]);
  files.forEach((f, i) => runOf.set(f, report.runIds[i]));
});

afterAll(() => store.close());

/** The benchmark names of a published links line, as the issue allows the test to pass them. */
function linkedBenchmarks(md: string): string[] | null {
  const line = md.split('\n').find((l) => l.startsWith('- [') && l.endsWith(', '));
  return line ? [...line.matchAll(/\[([^\]]+)\]\(/g)].map((m) => m[1]) : null;
}

function gatheredOn(md: string): string {
  return /Stats gathered on: (\d{4}-\d{2}-\d{2})\n$/.exec(md)![1];
}

describe('published reports reproduced from the store', () => {
  for (const pair of sets.pairs) {
    it(pair.md.split('/').pop()!, async () => {
      const md = readFileSync(path(pair.md), 'utf8');
      const run = (await getRun(store.conn, runOf.get(pair.json)!))!;
      const text = await reportForRuns(store.conn, [run], { date: gatheredOn(md), benchmarks: linkedBenchmarks(md) });
      expect(text).toBe(md);
    });
  }

  for (const c of sets.comparisons) {
    it(c.report.split('/').pop()!, async () => {
      const md = readFileSync(path(c.report), 'utf8');
      const base = await selectRuns(store.conn, runOf.get(c.base_json)!, {});
      const head = await selectRuns(store.conn, runOf.get(c.head_json)!, {});
      expect(await comparisonForRuns(store.conn, base, head, { date: gatheredOn(md) })).toBe(md);
    });
  }

  it('a selection by identity finds the stored aggregated run and its header', async () => {
    const runs = await selectRuns(store.conn, null, { fork: 'python', commitDate: '2024-06-29', benchmark: 'all' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ fork: 'python', benchmark: 'all', pythonVersion: '3.14.0a0' });
    const text = await reportForRuns(store.conn, runs, { date: '2024-07-01' });
    expect(text.startsWith('\n# Pystats results\n\n- benchmark: all\n- fork: python\n')).toBe(true);
  });
});

describe('aggregated reports over a selection of runs', () => {
  it('the three multi-* runs of one commit, summed, report exactly like one directory of their 60 files', async () => {
    const { CPY } = await import('./helpers/fixtures.js');
    const { discoverRawDir } = await import('../pipeline/discover/raw-dir.js');
    const { summarize } = await import('../pipeline/summarize/summarize.js');
    const s = await tempStore();
    try {
      const identity = { fork: 'python', ref: 'main', commitHash: 'abc1234', commitDate: '2025-07-01T10:00:00+00:00' };
      const visited: string[] = [];
      for (const w of ['coroutines', 'floats', 'generators']) {
        const dir = join(CPY, `raw-multi-${w}`);
        const r = await ingest(s, [dir], { identity: { ...identity, benchmark: w } });
        expect(r.added).toBe(1);
        const source = await discoverRawDir(dir);
        if (source.kind === 'raw') visited.push(...source.files.map((f) => f.split('/').pop()!));
      }
      const runs = await selectRuns(s.conn, null, { fork: 'python', commitDate: '2025-07-01', benchmark: 'all' });
      expect(runs.map((r) => r.benchmark)).toEqual(['coroutines', 'floats', 'generators']);
      const summed = await reportForRuns(s.conn, runs, { date: '2025-07-14', header: false });
      // raw-mixed holds the same 60 files: read it in the runs' order, as one directory.
      const order = join(tempDir(), 'order.txt');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(order, visited.join('\n'));
      const oneDir = await summarize({ inputs: [join(CPY, 'raw-mixed')], orderFile: order, date: '2025-07-14' });
      expect(summed).toBe(oneDir);
      // Same sums as the real script's mixed.json (its key order follows another visit order).
      const { loadRunStats } = await import('../pipeline/runs/read-runs.js');
      const { fixtureJson } = await import('./helpers/fixtures.js');
      const stats = await loadRunStats(s.conn, runs.map((r) => r.runId));
      const real = fixtureJson(join(CPY, 'mixed.json'));
      const byKey = (keys: string[], values: bigint[]) => new Map(keys.map((k, i) => [k, values[i]]));
      expect(byKey(stats.keys, stats.values)).toEqual(byKey(real.keys, real.values));
    } finally {
      s.close();
    }
  });
});
