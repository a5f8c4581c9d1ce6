/** `make bench-archive RUNS=N`: only the archive benchmark (bench/archive-bench.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { buildArchive, buildNextWeek } from './archive.js';
import { archiveSizes, benchArchive, formatArchiveBench } from './archive-bench.js';

// `--build-only`: write the archives (bench/corpus/archive-N) and stop, for trying ingest by hand.
if (process.argv.includes('--build-only')) {
  for (const n of archiveSizes()) {
    const a = buildArchive(fromRoot('bench', 'corpus', `archive-${n}`), n);
    buildNextWeek(fromRoot('bench', 'corpus', `archive-${n}-next`), n);
    process.stdout.write(`${a.root}: ${a.runs} runs, ${(a.bytes / 1e6).toFixed(0)} MB\n`);
  }
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'pystats-archive-'));
try {
  const rounds = Number(process.env.BENCH_ARCHIVE_ROUNDS ?? 3);
  const figures = archiveSizes().map((n) => {
    process.stdout.write(`archive of ${n} runs…\n`);
    return benchArchive(n, work, rounds);
  });
  process.stdout.write(formatArchiveBench(figures));
} finally {
  rmSync(work, { recursive: true, force: true });
}
