/**
 * Ingest speed and memory: `pystats ingest` on the corpus with 1 worker and with all
 * cores (per-file rows kept), and peak RSS at 2,000 and 20,000 files, next to the
 * reference loader's speed on the same files.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Corpus } from './corpus.js';
import { measurePystats } from './measure.js';
import { fromRoot } from '../pipeline/package-root.js';

export interface IngestFigures {
  label: string;
  files: number;
  lines: number;
  mb: number;
  seconds: number;
  peakRssMb: number;
}

export function benchIngest(label: string, corpus: Corpus, dirs: string[], workers: number, dbDir: string): IngestFigures {
  const db = join(dbDir, `ingest-${workers}w-${dirs.length}.duckdb`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const m = measurePystats(['ingest', ...dirs, '--db', db, '--workers', String(workers), '--quiet']);
  const share = dirs.length / corpus.dirs.length;
  return {
    label, files: corpus.files * share, lines: corpus.lines * share, mb: (corpus.bytes * share) / 1e6,
    seconds: m.seconds, peakRssMb: m.peakRssMb,
  };
}

/** The reference's loading loop (Python) on one directory: lines per second. */
export function benchReferenceLoader(dir: string, lines: number): { seconds: number; linesPerSecond: number } | null {
  const start = process.hrtime.bigint();
  const r = spawnSync('python3', [fromRoot('bench', 'reference-loader.py'), dir], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, linesPerSecond: lines / seconds };
}

export function allCores(): number {
  return availableParallelism();
}
