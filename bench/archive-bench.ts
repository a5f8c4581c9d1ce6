/**
 * The archive benchmark (issue 18): a bench_runner archive of N JSON runs (bench/archive.ts)
 * ingested into a fresh store in one command, paired round by round with the anchor, a
 * Python loop that only walks the tree and json.load()s every file (bench/archive-loader.py).
 * Then the next week's 273 runs added to that store, and the store's bytes per counter.
 *
 * BENCH_ARCHIVE_RUNS: sizes, comma-separated (default 1000,5000,20000);
 * BENCH_ARCHIVE_ROUNDS: paired rounds per size (default 3; medians).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { buildArchive, buildNextWeek } from './archive.js';
import { measurePystats, type Measurement } from './measure.js';

export interface ArchiveFigures {
  runs: number;
  mb: number;
  rounds: number;
  pythonSeconds: number;
  pythonPeakRssMb: number;
  ingest: Measurement;
  storeBytes: number;
  counters: number;
  nextWeek: Measurement;
  nextWeekRuns: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pythonLoop(root: string): { seconds: number; peakRssMb: number } {
  const start = process.hrtime.bigint();
  const out = spawnSync('python3', [fromRoot('bench', 'archive-loader.py'), root], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (out.status !== 0) throw new Error(`archive-loader.py failed: ${out.stderr}`);
  return { seconds, peakRssMb: Number(out.stdout.trim().split(' ')[2]) / 1024 };
}

export function benchArchive(runs: number, work: string, rounds: number): ArchiveFigures {
  const archive = buildArchive(fromRoot('bench', 'corpus', `archive-${runs}`), runs);
  const next = buildNextWeek(fromRoot('bench', 'corpus', `archive-${runs}-next`), runs);
  const db = join(work, `archive-${runs}.duckdb`);
  const python: Array<{ seconds: number; peakRssMb: number }> = [];
  const ingests: Measurement[] = [];
  // One unmeasured read first, so both start each round with the archive in the page
  // cache; then each round alternates which goes first.
  pythonLoop(archive.root);
  const ingest1 = () => {
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
    ingests.push(measurePystats(['ingest', archive.root, '--db', db, '--quiet']));
  };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      python.push(pythonLoop(archive.root));
      ingest1();
    } else {
      ingest1();
      python.push(pythonLoop(archive.root));
    }
  }
  const ingest = ingests.sort((a, b) => a.seconds - b.seconds)[Math.floor(ingests.length / 2)];
  const storeBytes = statSync(db).size;
  const counted = measurePystats(['sql', 'SELECT count(*) FROM run_counters', '--db', db, '--format', 'csv']);
  const counters = Number(counted.stdout.trim().split('\n')[1]);
  // The next week lands: the same command on the tree, now holding one more week.
  const nextWeek = measurePystats(['ingest', archive.root, next.root, '--db', db, '--quiet']);
  return {
    runs: archive.runs, mb: archive.bytes / 1e6, rounds,
    pythonSeconds: median(python.map((p) => p.seconds)), pythonPeakRssMb: median(python.map((p) => p.peakRssMb)),
    ingest, storeBytes, counters, nextWeek, nextWeekRuns: next.runs,
  };
}

export function formatArchiveBench(all: ArchiveFigures[]): string {
  // The ingest's CPU-seconds beside its wall time: on 2 cores, half of them is the least wall time it can take.
  let out = '| JSON runs (MB) | Python read-only loop s | `pystats ingest ROOT` s | ingest CPU s | × the loop | runs/s | MB/s | peak RSS MB (loop / ingest) | store MB | bytes/counter | next week (273 runs) s |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|\n';
  for (const f of all) {
    out += `| ${f.runs} (${f.mb.toFixed(0)}) | ${f.pythonSeconds.toFixed(2)} | ${f.ingest.seconds.toFixed(2)} | ${f.ingest.cpuSeconds.toFixed(2)} | ` +
      `${(f.pythonSeconds / f.ingest.seconds).toFixed(2)} | ${(f.runs / f.ingest.seconds).toFixed(0)} | ` +
      `${(f.mb / f.ingest.seconds).toFixed(1)} | ${f.pythonPeakRssMb.toFixed(0)} / ${f.ingest.peakRssMb.toFixed(0)} | ` +
      `${(f.storeBytes / 1e6).toFixed(0)} | ${(f.storeBytes / f.counters).toFixed(1)} | ${f.nextWeek.seconds.toFixed(2)} |\n`;
  }
  return out + `(medians of the paired rounds; × the loop > 1 means ingest is faster than merely reading the archive in Python)\n`;
}
export function archiveSizes(): number[] {
  return (process.env.BENCH_ARCHIVE_RUNS ?? '1000,5000,20000').split(',').map(Number).filter((n) => n > 0);
}
