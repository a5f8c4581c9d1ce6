/** `make bench-archive RUNS=N`: only the archive benchmark (bench/archive-bench.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveSizes, benchArchive, formatArchiveBench } from './archive-bench.js';

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
