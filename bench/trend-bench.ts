/**
 * Trend speed: 1,000 runs built from the real published series, ingested into a temp
 * store by the real ingest, then `pystats trend` timed as its own process (startup
 * included) for several metrics. The target is under 0.5 s for a metric over 1,000 runs.
 *
 * The runs: the 15 aggregated python/main JSONs (about 5,500 counters each) repeated in
 * blocks along one series, one commit a day, each copy given its own commit id and date in
 * bench_runner's metadata and file name (so every run is distinct and dated), plus the
 * 8 coroutines runs repeated as a second benchmark. Counters are the real ones.
 *
 * `benchTrend()` is called by bench/run-all.ts (`make bench`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { openStore } from '../pipeline/store/store.js';
import { ingest } from '../pipeline/load/ingest.js';
import { measurePystats } from './measure.js';

export interface TrendBenchFigures {
  runs: number;
  buildSeconds: number;
  ingestSeconds: number;
  /** Per command: median wall seconds over the repeats (process start to exit). */
  timings: Array<{ label: string; seconds: number; min: number; max: number }>;
  repeats: number;
  limitSeconds: number;
}

const MAIN_RUNS = 900;
const COROUTINE_RUNS = 100;
const REPEATS = 5;
const LIMIT = 0.5;

function day(i: number): string {
  return new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

/** Writes `count` dated copies of the series' JSONs in blocks, as a bench_runner results tree. */
function writeCopies(root: string, sources: string[], count: number, benchmarkSuffix: string, offset: number): void {
  const texts = sources.map((s) => readFileSync(s, 'utf8'));
  const block = Math.ceil(count / texts.length);
  for (let i = 0; i < count; i++) {
    const text = texts[Math.min(texts.length - 1, Math.floor(i / block))];
    const d = day(offset + i);
    const hash = (0x1000000 + offset + i).toString(16).slice(-7);
    const compact = d.replace(/-/g, '');
    const dir = join(root, `bm-${compact}-3.14.0a0-${hash}`);
    mkdirSync(dir, { recursive: true });
    const out = text
      .replace(/"commit_id": "[^"]*"/, `"commit_id": "${hash}"`)
      .replace(/"commit_branch": "[^"]*"/, '"commit_branch": "main"')
      .replace(/"commit_fork": "[^"]*"/, '"commit_fork": "python"')
      .replace(/"commit_date": "[^"]*"/, `"commit_date": "${d}T12:00:00+00:00"`);
    writeFileSync(join(dir, `bm-${compact}-azure-x86_64-python-main-3.14.0a0-${hash}-pystats${benchmarkSuffix}.json`), out);
  }
}

export interface TrendBenchStore {
  db: string;
  runs: number;
  buildSeconds: number;
  ingestSeconds: number;
}

/** The 1,000-run store (see above) in `work`, by the real ingest; shared with the site bench. */
export async function buildTrendBenchStore(work: string): Promise<TrendBenchStore> {
  const sets = JSON.parse(readFileSync(fromRoot('test', 'fixtures', 'published', 'SETS.json'), 'utf8')) as Record<string, string[]>;
  const published = (name: string) => sets[name].map((p) => fromRoot('test', 'fixtures', 'published', p));
  const root = join(work, 'results');
  rmSync(root, { recursive: true, force: true });
  const t0 = process.hrtime.bigint();
  writeCopies(root, published('series_all_benchmarks_python_main_default_build'), MAIN_RUNS, '', 0);
  writeCopies(root, published('series_coroutines'), COROUTINE_RUNS, '-coroutines', MAIN_RUNS);
  const t1 = process.hrtime.bigint();
  const db = join(work, 'trend-bench.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const store = await openStore(db);
  try {
    const report = await ingest(store, [root], { workers: availableParallelism() });
    if (report.errors.length > 0) throw new Error(report.errors.slice(0, 5).join('\n'));
    if (report.added !== MAIN_RUNS + COROUTINE_RUNS) throw new Error(`expected ${MAIN_RUNS + COROUTINE_RUNS} runs, ingested ${report.added}`);
  } finally {
    store.close();
  }
  const t2 = process.hrtime.bigint();
  rmSync(root, { recursive: true, force: true });
  return { db, runs: MAIN_RUNS + COROUTINE_RUNS, buildSeconds: Number(t1 - t0) / 1e9, ingestSeconds: Number(t2 - t1) / 1e9 };
}

export async function benchTrend(workDir?: string): Promise<TrendBenchFigures> {
  const work = workDir ?? mkdtempSync(join(tmpdir(), 'pystats-trend-bench-'));
  const { db, runs, buildSeconds, ingestSeconds } = await buildTrendBenchStore(work);

  const commands: Array<{ label: string; args: string[] }> = [
    { label: 'instructions, 1,000 runs (2 series)', args: ['trend', 'instructions'] },
    { label: 'spec.hit:LOAD_ATTR, 1,000 runs', args: ['trend', 'spec.hit:LOAD_ATTR'] },
    { label: 'family.count:LOAD_CONST, 1,000 runs', args: ['trend', 'family.count:LOAD_CONST'] },
    { label: 'effectiveness (4 lines), 1,000 runs', args: ['trend', 'effectiveness'] },
    { label: 'mix:10, 1,000 runs', args: ['trend', 'mix:10'] },
    { label: 'alloc.per_kinstr, 1,000 runs, aggregated over benchmarks', args: ['trend', 'alloc.per_kinstr', '--by', 'fork,flags,machine'] },
    { label: 'custom expression, 1,000 runs', args: ['trend', '--expr', '"Object allocations" / "Frames pushed"'] },
    { label: 'spec.hit:LOAD_ATTR, 1,000 runs, --format csv', args: ['trend', 'spec.hit:LOAD_ATTR', '--format', 'csv'] },
    { label: 'spec.hit:LOAD_ATTR, 1,000 runs, + --plot SVG', args: ['trend', 'spec.hit:LOAD_ATTR', '--plot', join(work, 'bench.svg')] },
  ];
  const timings = commands.map(({ label, args }) => {
    const seconds: number[] = [];
    for (let r = 0; r < REPEATS; r++) seconds.push(measurePystats([...args, '--db', db]).seconds);
    seconds.sort((a, b) => a - b);
    return { label, seconds: seconds[REPEATS >> 1], min: seconds[0], max: seconds[REPEATS - 1] };
  });
  return { runs, buildSeconds, ingestSeconds, timings, repeats: REPEATS, limitSeconds: LIMIT };
}

export function formatTrendBench(f: TrendBenchFigures): string {
  const lines = [
    `Trend over ${f.runs.toLocaleString('en-US')} runs built from the published series ` +
    `(files written in ${f.buildSeconds.toFixed(1)} s, ingested in ${f.ingestSeconds.toFixed(1)} s). ` +
    `Wall time of \`pystats trend\` as its own process, median of ${f.repeats}:`,
    '',
    '| command | median s | min s | max s | under 0.5 s |',
    '|---|--:|--:|--:|---|',
    ...f.timings.map((t) => `| ${t.label} | ${t.seconds.toFixed(3)} | ${t.min.toFixed(3)} | ${t.max.toFixed(3)} | ${t.seconds < f.limitSeconds ? 'yes' : 'NO'} |`),
    '',
  ];
  return lines.join('\n');
}
