import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ingest } from '../pipeline/load/ingest.js';
import { loadRunStats } from '../pipeline/runs/read-runs.js';
import { formatSummarizeJson } from '../pipeline/json/summarize-json.js';
import { fixtureJson, publishedJsonFiles, rawFixtureDirs } from './helpers/fixtures.js';
import { count, runCounters, tempStore } from './helpers/store.js';

describe('ingest of the real CPython 3.13.5 raw directories', () => {
  for (const fx of rawFixtureDirs()) {
    it(`${fx.name}: counters equal the real summarize_stats.py JSON, key for key and in order`, async () => {
      const store = await tempStore();
      try {
        const report = await ingest(store, [fx.dir], { orderFile: fx.orderFile, workers: 2, filesPerJob: 3 });
        expect(report.errors).toEqual([]);
        expect(report.added).toBe(1);
        const expected = fixtureJson(fx.json);
        const got = await runCounters(store, report.runIds[0]);
        expect(got.map(([k]) => k)).toEqual(expected.keys);
        expect(got.map(([, v]) => v)).toEqual(expected.values);
        const nfiles = expected.values[expected.keys.indexOf('__nfiles__')];
        expect(await count(store, 'SELECT n_files FROM runs WHERE run_id = $1', [report.runIds[0]])).toBe(Number(nfiles));
        expect(await count(store, 'SELECT count(*) FROM files WHERE run_id = $1', [report.runIds[0]])).toBe(Number(nfiles));
      } finally {
        store.close();
      }
    });
  }

  it('sums mode (no per-file rows) gives the same counters and order', async () => {
    const fx = rawFixtureDirs().find((f) => f.name === 'mixed')!;
    const store = await tempStore();
    try {
      const report = await ingest(store, [fx.dir], { orderFile: fx.orderFile, rowMode: 'sums', filesPerJob: 7 });
      const expected = fixtureJson(fx.json);
      const got = await runCounters(store, report.runIds[0]);
      expect(got.map(([k]) => k)).toEqual(expected.keys);
      expect(got.map(([, v]) => v)).toEqual(expected.values);
      expect(await count(store, 'SELECT count(*) FROM file_counters')).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('ingest of published bench_runner JSON', () => {
  it('every published JSON round-trips through export-json with identical counters and bytes', async () => {
    const files = publishedJsonFiles();
    expect(files.length).toBeGreaterThanOrEqual(25);
    const store = await tempStore();
    try {
      const report = await ingest(store, files);
      expect(report.errors).toEqual([]);
      expect(report.added).toBe(files.length);
      for (const [i, file] of files.entries()) {
        const stats = await loadRunStats(store.conn, [report.runIds[i]]);
        const original = readFileSync(file, 'utf8');
        const expected = fixtureJson(file);
        expect(stats.keys).toEqual(expected.keys);
        expect(stats.values).toEqual(expected.values);
        // bench_runner rewrote these files with indent=2: the export reproduces them exactly.
        expect(formatSummarizeJson(stats, 2)).toBe(original);
      }
    } finally {
      store.close();
    }
  });
});
