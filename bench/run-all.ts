/**
 * `make bench`: builds the corpus (BENCH_FILES raw files per run directory, default 2,000,
 * made from the real fixture files; BENCH_RUNS directories, default 10, for the
 * 20,000-file memory figure) and measures every job in one run, so ratios compare like
 * with like on this noisy machine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from './corpus.js';
import { allCores, benchIngest, benchReferenceLoader, type IngestFigures } from './ingest-bench.js';
import { fromRoot } from '../pipeline/package-root.js';
import { benchRender, benchSummarize, linkedDirectory, singleFileDirectory } from './report-bench.js';
import type { Measurement } from './measure.js';
import { benchTrend, formatTrendBench } from './trend-bench.js';
import { benchSite, formatSiteBench } from './site-bench.js';

const filesPerRun = Number(process.env.BENCH_FILES ?? 2000);
const runs = Number(process.env.BENCH_RUNS ?? 10);

function rate(f: IngestFigures): string {
  return `| ${f.label} | ${f.files} | ${f.seconds.toFixed(2)} | ${(f.files / f.seconds).toFixed(0)} | ` +
    `${(f.lines / f.seconds / 1e6).toFixed(2)} | ${(f.mb / f.seconds).toFixed(0)} | ${f.peakRssMb.toFixed(0)} |`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'pystats-bench-'));
  process.stdout.write(`Building the corpus: ${runs} × ${filesPerRun} raw files…\n`);
  const corpus = buildCorpus(fromRoot('bench', 'corpus', `${runs}x${filesPerRun}`), runs, filesPerRun);
  const one = corpus.dirs.slice(0, 1);
  const perRunLines = corpus.lines / runs;
  process.stdout.write(`corpus: ${corpus.files} files, ${(corpus.lines / 1e6).toFixed(1)} M lines, ${(corpus.bytes / 1e6).toFixed(0)} MB\n\n`);

  const ref = benchReferenceLoader(one[0], perRunLines);
  const w1 = benchIngest(`ingest, 1 worker`, corpus, one, 1, work);
  const wAll = benchIngest(`ingest, ${allCores()} workers`, corpus, one, allCores(), work);
  const big = benchIngest(`ingest, ${allCores()} workers, ${runs} runs`, corpus, corpus.dirs, allCores(), work);

  process.stdout.write('| job | files | s | files/s | M lines/s | MB/s | peak RSS MB |\n|---|---|---|---|---|---|---|\n');
  for (const f of [w1, wAll, big]) process.stdout.write(rate(f) + '\n');
  if (ref) {
    process.stdout.write(`| reference loader (python3, same ${filesPerRun} files) | ${filesPerRun} | ${ref.seconds.toFixed(2)} | | ${(ref.linesPerSecond / 1e6).toFixed(2)} | | |\n`);
    process.stdout.write(`\ningest with all cores: ${(wAll.lines / wAll.seconds / ref.linesPerSecond).toFixed(1)}× the reference loader's lines/s\n`);
  }
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
  const floor = benchSummarize(singleFileDirectory(one[0], join(work, 'one-file')), null, work);
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
  if (ref) {
    process.stdout.write(`\nsummarize as run: ${(perRunLines / asRun.seconds / ref.linesPerSecond).toFixed(1)}× the reference loader's lines/s ` +
      `at ${filesPerRun} files, ${(corpus.lines / whole.seconds / ref.linesPerSecond).toFixed(1)}× at ${corpus.files}\n`);
  }
  process.stdout.write(`summarize's fixed cost (one file) is ${(100 * floor.seconds / asRun.seconds).toFixed(0)}% of the ${filesPerRun}-file run\n`);

  const render = await benchRender(join(work, `ingest-${allCores()}w-1.duckdb`));
  process.stdout.write(`\nreport of one ${filesPerRun}-file run from the store: query + render ${render.queryAndRenderSeconds.toFixed(3)} s ` +
    `(${(render.reportBytes / 1e3).toFixed(0)} kB), \`pystats report\` command ${render.commandSeconds.toFixed(3)} s (medians of 5)\n\n`);

  process.stdout.write(formatTrendBench(await benchTrend(work)));
  // The trend bench leaves its 1,000-run store in `work`.
  process.stdout.write('\n' + formatSiteBench(benchSite(join(work, 'trend-bench.duckdb'), work)));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
