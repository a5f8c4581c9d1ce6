/**
 * Ingest speed and memory: `pystats ingest` on the corpus with 1 worker and with all
 * cores (as run: each run's sums; `make bench`'s paired rounds time --per-file too), and
 * peak RSS at 2,000 and 20,000 files.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Corpus } from './corpus.js';
import { measurePystats } from './measure.js';

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

export function allCores(): number {
  return availableParallelism();
}
