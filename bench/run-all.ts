/**
 * `make bench`: builds the corpus (BENCH_FILES raw files per run directory, default 2,000,
 * made from the real fixture files; BENCH_RUNS directories, default 10, for the
 * 20,000-file memory figure) and measures every job in one run, so ratios compare like
 * with like on this noisy machine. First the headline: the reference, summarize and
 * ingest timed in interleaved rounds (BENCH_ROUNDS, default 5; bench/paired-bench.ts),
 * with the start-up breakdown of the same runs (BENCH_HEADLINE_ONLY=1: only that).
 * Last, the site of a generated bench_runner archive (bench/site-bench.ts: BENCH_SITE_WEEKS
 * weeks, default 73 = 19,929 runs, ingested first; BENCH_SITE_DB=FILE uses a store of that
 * archive instead; BENCH_SITE_ARCHIVE=0 skips it; BENCH_SITE_ONLY=1 runs only it).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from './corpus.js';
import { allCores, benchIngest, type IngestFigures } from './ingest-bench.js';
import { benchPaired, floorFigures, median, startupBreakdown } from './paired-bench.js';
import { fromRoot } from '../pipeline/package-root.js';
import { benchRender, benchSummarize, linkedDirectory, singleFileDirectory } from './report-bench.js';
import type { Measurement } from './measure.js';
import { benchTrend, formatTrendBench } from './trend-bench.js';
import { benchLake, formatLakeBench } from './lake-bench.js';
import { benchSite, benchSiteArchive, formatArchiveSiteBench, formatSiteBench } from './site-bench.js';
import { archiveSizes, benchArchive, formatArchiveBench } from './archive-bench.js';

const filesPerRun = Number(process.env.BENCH_FILES ?? 2000);
const runs = Number(process.env.BENCH_RUNS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

function rate(f: IngestFigures): string {
  return `| ${f.label} | ${f.files} | ${f.seconds.toFixed(2)} | ${(f.files / f.seconds).toFixed(0)} | ` +
    `${(f.lines / f.seconds / 1e6).toFixed(2)} | ${(f.mb / f.seconds).toFixed(0)} | ${f.peakRssMb.toFixed(0)} |`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'pystats-bench-'));
  // BENCH_SITE_ONLY=1: only the site of the generated archive (with BENCH_SITE_DB: of that store).
  if (process.env.BENCH_SITE_ONLY === '1') {
    process.stdout.write(formatArchiveSiteBench(await benchSiteArchive(work)));
    return;
  }
  process.stdout.write(`Building the corpus: ${runs} × ${filesPerRun} raw files…\n`);
  const corpus = buildCorpus(fromRoot('bench', 'corpus', `${runs}x${filesPerRun}`), runs, filesPerRun);
  const one = corpus.dirs.slice(0, 1);
  const perRunLines = corpus.lines / runs;
  process.stdout.write(`corpus: ${corpus.files} files, ${(corpus.lines / 1e6).toFixed(1)} M lines, ${(corpus.bytes / 1e6).toFixed(0)} MB\n\n`);

  const oneFile = singleFileDirectory(one[0], join(work, 'one-file'));
  const paired = benchPaired(one[0], oneFile, work, rounds);
  const med = (ms: Measurement[], f: (m: Measurement) => number) => median(ms.map(f));
  const sumS = med(paired.summarize, (m) => m.seconds);
  const ingS = med(paired.ingest, (m) => m.seconds);
  const ingPerFileS = med(paired.ingestPerFile, (m) => m.seconds);
  const cpu = (ms: Measurement[]) => med(ms, (m) => m.cpuSeconds).toFixed(2);
  const oneS = med(paired.oneFile, (m) => m.seconds);
  process.stdout.write(`Paired rounds (${rounds}; medians), ${filesPerRun} files: reference = ${paired.reference}\n\n` +
    '| job | s | × the reference | CPU s | peak RSS MB |\n|---|---|---|---|---|\n' +
    `| reference | ${paired.referenceSeconds.toFixed(2)} | 1 | | |\n` +
    `| \`pystats summarize DIR --json-output F\` | ${sumS.toFixed(3)} | ${(paired.referenceSeconds / sumS).toFixed(1)} | ${cpu(paired.summarize)} | ${med(paired.summarize, (m) => m.peakRssMb).toFixed(0)} |\n` +
    `| \`pystats ingest DIR --db F\` (fresh store; the run's sums) | ${ingS.toFixed(3)} | ${(paired.referenceSeconds / ingS).toFixed(1)} | ${cpu(paired.ingest)} | ${med(paired.ingest, (m) => m.peakRssMb).toFixed(0)} |\n` +
    `| \`pystats ingest DIR --db F --per-file\` (fresh store; per-process rows too) | ${ingPerFileS.toFixed(3)} | ${(paired.referenceSeconds / ingPerFileS).toFixed(1)} | ${cpu(paired.ingestPerFile)} | ${med(paired.ingestPerFile, (m) => m.peakRssMb).toFixed(0)} |\n` +
    `| \`pystats summarize\` of one file (the fixed cost) | ${oneS.toFixed(3)} | ${(paired.referenceOneFileSeconds / oneS).toFixed(1)} (the reference on one file: ${paired.referenceOneFileSeconds.toFixed(3)} s) | ${cpu(paired.oneFile)} | ${med(paired.oneFile, (m) => m.peakRssMb).toFixed(0)} |\n\n` +
    floorFigures(paired, filesPerRun) + '\n' +
    `Start-up breakdown (PYSTATS_TIMING, same runs; rows marked worker are summed over the workers):\n\n` +
    startupBreakdown([
      { label: 'summarize, 1 file', runs: paired.oneFile },
      { label: `summarize, ${filesPerRun} files`, runs: paired.summarize },
      { label: `ingest, ${filesPerRun} files`, runs: paired.ingest },
      { label: `ingest --per-file, ${filesPerRun} files`, runs: paired.ingestPerFile },
    ]) + '\n');
  // BENCH_HEADLINE_ONLY=1: the paired figures and the breakdown, nothing else.
  if (process.env.BENCH_HEADLINE_ONLY === '1') return;

  const w1 = benchIngest(`ingest, 1 worker`, corpus, one, 1, work);
  const wAll = benchIngest(`ingest, ${allCores()} workers`, corpus, one, allCores(), work);
  const big = benchIngest(`ingest, ${allCores()} workers, ${runs} runs`, corpus, corpus.dirs, allCores(), work);

  process.stdout.write('| job | files | s | files/s | M lines/s | MB/s | peak RSS MB |\n|---|---|---|---|---|---|---|\n');
  for (const f of [w1, wAll, big]) process.stdout.write(rate(f) + '\n');
  process.stdout.write(`peak RSS: ${wAll.peakRssMb.toFixed(0)} MB at ${wAll.files} files, ${big.peakRssMb.toFixed(0)} MB at ${big.files} files\n\n`);

  // The drop-in summarize (sums only, in-memory store): on the same directory, on one
  // file (what any summarize costs before it parses: Node, workers, DuckDB, render), and
  // on the whole corpus as one directory. Medians of 5.
  process.stdout.write('| summarize DIR --json-output F | files | s | M lines/s | peak RSS MB |\n|---|---|---|---|---|\n');
  const summarizeRow = (label: string, files: number, lines: number | null, m: Measurement) => {
    const rate = lines === null ? '' : (lines / m.seconds / 1e6).toFixed(2);
    process.stdout.write(`| ${label} | ${files} | ${m.seconds.toFixed(3)} | ${rate} | ${m.peakRssMb.toFixed(0)} |\n`);
  };
  // As users run it (the worker count follows the input), then with each count forced.
  const floor = benchSummarize(oneFile, null, work);
  summarizeRow('one file (the fixed cost)', 1, null, floor);
  const asRun = benchSummarize(one[0], null, work, 9);
  summarizeRow('**as run** (workers follow the input)', filesPerRun, perRunLines, asRun);
  for (const workers of [1, allCores()]) {
    summarizeRow(`--workers ${workers}`, filesPerRun, perRunLines, benchSummarize(one[0], workers, work));
  }
  const wholeDir = linkedDirectory(corpus.dirs, join(work, 'whole-corpus'));
  const whole = benchSummarize(wholeDir, null, work, 3);
  summarizeRow('the whole corpus as one directory, as run', corpus.files, corpus.lines, whole);
  summarizeRow('the whole corpus, --workers 1', corpus.files, corpus.lines, benchSummarize(wholeDir, 1, work, 3));
  process.stdout.write(`summarize's fixed cost (one file) is ${(100 * floor.seconds / asRun.seconds).toFixed(0)}% of the ${filesPerRun}-file run\n`);

  const render = await benchRender(join(work, `ingest-${allCores()}w-1.duckdb`));
  process.stdout.write(`\nreport of one ${filesPerRun}-file run from the store: query + render ${render.queryAndRenderSeconds.toFixed(3)} s ` +
    `(${(render.reportBytes / 1e3).toFixed(0)} kB), \`pystats report\` command ${render.commandSeconds.toFixed(3)} s (medians of 5)\n\n`);

  const trend = await benchTrend(work);
  process.stdout.write(formatTrendBench(trend));
  process.stdout.write(`\n${formatLakeBench(benchLake(trend.db, work, trend.runs))}`);
  process.stdout.write('\n' + formatSiteBench(benchSite(trend.db, work)));

  // Issue 18: a bench_runner archive of JSON runs, against a Python loop that only reads it.
  const archiveRounds = Number(process.env.BENCH_ARCHIVE_ROUNDS ?? 3);
  process.stdout.write('\nArchive ingest (bench/archive.ts), paired with a Python read-only loop:\n\n' +
    formatArchiveBench(archiveSizes().map((n) => benchArchive(n, work, archiveRounds))));
  // BENCH_SITE_ARCHIVE=0 skips the site of the generated archive (its ingest of ~20,000 runs is long).
  if (process.env.BENCH_SITE_ARCHIVE !== '0') process.stdout.write('\n' + formatArchiveSiteBench(await benchSiteArchive(work)));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
