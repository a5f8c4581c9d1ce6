/**
 * Issue 17, finding 4: bytes damaged inside a lake Parquet file read as other counters
 * (1–200 bytes overwritten mid-file gave other results with exit 0 in 10–12 of 12 seeded
 * trials). Each batch's manifest holds its files' sha256: every reader, lake import and
 * `lake verify` stop at such a file, naming it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listLake } from '../pipeline/store/lake/layout.js';
import { ingested, ok, pystats, SAMPLE } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

let lake: string;

beforeAll(() => {
  const db = ingested(SAMPLE);
  lake = join(tempDir('pystats-verify-'), 'lake');
  ok('lake', 'export', '--db', db, '--out', lake, '--per-file');
});

function copyOfLake(): string {
  const copy = join(tempDir('pystats-verify-'), 'lake');
  cpSync(lake, copy, { recursive: true });
  return copy;
}

function allFiles(dir: string): string[] {
  const l = listLake(dir);
  return [...l.runs, ...l.keys, ...l.files, ...l.run_counters, ...l.file_counters];
}

describe('lake files are verified against their manifest', () => {
  it('lake verify passes an intact lake', () => {
    const r = pystats('lake', 'verify', lake);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^lake .*: \d+ files of 1 batches match their manifests \(sha256\)\n$/);
  });

  it('1–200 bytes overwritten mid-file: every reader, lake import and lake verify stop naming the file (12 seeded trials)', () => {
    const trials = fc.sample(fc.record({ pick: fc.nat(), at: fc.double({ min: 0.2, max: 0.8, noNaN: true }), length: fc.integer({ min: 1, max: 200 }), byte: fc.integer({ min: 0, max: 255 }) }), { seed: 17, numRuns: 12 });
    for (const [i, t] of trials.entries()) {
      const dir = copyOfLake();
      const files = allFiles(dir);
      const file = files[t.pick % files.length];
      const bytes = readFileSync(file);
      const start = Math.floor(bytes.length * t.at);
      let changed = false;
      for (let j = start; j < Math.min(bytes.length, start + t.length); j++) {
        const b = (bytes[j] + 1 + t.byte) % 256; // never the byte that was there
        changed ||= b !== bytes[j];
        bytes[j] = b;
      }
      expect(changed).toBe(true);
      writeFileSync(file, bytes);
      const readers = i % 3 === 0
        ? [['export-json', '1', '--lake', dir], ['lake', 'import', dir, '--db', join(dir, '..', 'imported.duckdb')]]
        : [['runs', '--lake', dir]];
      for (const args of readers) {
        const r = pystats(...args);
        expect(r.status, `trial ${i} ${args.join(' ')}: ${relative(dir, file)}`).toBe(1);
        expect(r.stderr).toBe(`pystats: lake file ${file}: ${r.stderr.slice(`pystats: lake file ${file}: `.length)}`);
        expect(r.stderr).toMatch(/sha256 [0-9a-f]{64} where the export wrote [0-9a-f]{64}: damaged/);
      }
      const v = pystats('lake', 'verify', dir);
      expect(v.status).toBe(1);
      expect(v.stderr).toContain(`lake file ${file}: sha256`);
    }
  }, 600_000);

  it('lake verify names every bad file: damaged, missing, not listed', () => {
    const dir = copyOfLake();
    const l = listLake(dir);
    const damaged = l.run_counters[0];
    const bytes = readFileSync(damaged);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(damaged, bytes);
    const missing = l.keys[0];
    const stray = join(dir, 'files', `${l.batches[0]}_9.parquet`);
    cpSync(l.files[0], stray);
    cpSync(missing, `${missing}.moved`);
    writeFileSync(missing, '');
    const r = pystats('lake', 'verify', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`lake file ${damaged}: sha256 `);
    expect(r.stderr).toContain(`lake file ${missing}: 0 bytes where the export wrote`);
    expect(r.stderr).toContain(`lake file ${stray}: not in its batch's manifest`);
    expect(r.stderr).toMatch(/pystats: lake .*: 3 bad files of \d+ \(1 batches\)\n$/);
    expect(pystats('lake', 'verify', join(dir, 'runs')).stderr).toMatch(/no lake at .*runs \(it has no runs\/ folder: it is not a pystats lake\)/);
  });
});
