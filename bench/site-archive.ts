/**
 * A bench_runner-shaped results archive of any size, made from the real published JSONs in
 * test/fixtures/published: one commit a week, 3 configurations (default build, JIT,
 * PYTHON_UOPS: bench_runner's flag folders), and per commit and configuration the
 * aggregated run plus one run per benchmark of pyperformance (the ~90 names of a real
 * aggregated report's links line), 273 runs a week. Counters are the real ones: the
 * aggregated runs cycle through the 15 published python/main JSONs in blocks, the
 * per-benchmark runs through the 8 published per-benchmark (coroutines) JSONs; each copy
 * gets its own commit id and date in the file name and in bench_runner's metadata, so every
 * run is distinct and dated.
 *
 * Used by the site's scale test (test/site-scale.test.ts) and its bench (bench/site-bench.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';

export const CONFIGURATIONS = ['', 'JIT', 'PYTHON_UOPS'] as const;
const VERSION = '3.14.0a0';
const START = Date.UTC(2023, 0, 2);
const WEEK = 7 * 86_400_000;

export interface ArchiveSources {
  aggregated: string[];
  perBenchmark: string[];
  benchmarks: string[];
}

function published(...parts: string[]): string {
  return fromRoot('test', 'fixtures', 'published', ...parts);
}

/** The published files the archive copies, and the benchmark names (a real report's links line). */
export function archiveSources(): ArchiveSources {
  const sets = JSON.parse(readFileSync(published('SETS.json'), 'utf8')) as Record<string, string[]>;
  const read = (name: string) => sets[name].map((p) => readFileSync(published(p), 'utf8'));
  // The aggregated report of 2024-06-08 links every benchmark's own report: its names are the suite's.
  const report = sets.pairs as unknown as Array<{ md: string }>;
  const md = report.map((p) => readFileSync(published(p.md), 'utf8')).find((t) => /-pystats-[a-z0-9_]+\.md/.test(t));
  if (!md) throw new Error('no published aggregated report with a links line');
  const benchmarks = [...new Set([...md.matchAll(/-pystats-([a-z0-9_]+)\.md/g)].map((m) => m[1]))].sort();
  return { aggregated: read('series_all_benchmarks_python_main_default_build'), perBenchmark: read('series_coroutines'), benchmarks };
}

/** Runs one week of the archive holds. */
export function runsPerWeek(src: ArchiveSources): number {
  return CONFIGURATIONS.length * (src.benchmarks.length + 1);
}

function weekHash(week: number): string {
  return (0x1000000 + week * 7919).toString(16).slice(-7);
}

/**
 * A copy dated and named: the week's commit in bench_runner's metadata, and a merge base
 * unique to the copy (a run's identity is its content: identical files are one run).
 */
function dated(text: string, hash: string, day: string, copy: number): string {
  return text
    .replace(/"commit_merge_base": "[^"]*"/, `"commit_merge_base": "${copy.toString(16).padStart(40, '0')}"`)
    .replace(/"commit_id": "[^"]*"/, `"commit_id": "${hash}"`)
    .replace(/"commit_branch": "[^"]*"/, '"commit_branch": "main"')
    .replace(/"commit_fork": "[^"]*"/, '"commit_fork": "python"')
    .replace(/"commit_date": "[^"]*"/, `"commit_date": "${day}T12:00:00+00:00"`);
}

/**
 * Writes weeks [from, to) of the archive under `root` (bench_runner's results/ layout).
 * `weeksInAll` places the aggregated JSONs in blocks along the whole archive.
 */
export function writeArchiveWeeks(root: string, src: ArchiveSources, from: number, to: number, weeksInAll = to): number {
  let runs = 0;
  let copy = from * runsPerWeek(src);
  const block = Math.max(1, Math.ceil(weeksInAll / src.aggregated.length));
  for (let w = from; w < to; w++) {
    const day = new Date(START + w * WEEK).toISOString().slice(0, 10);
    const compact = day.replace(/-/g, '');
    const hash = weekHash(w);
    for (const flags of CONFIGURATIONS) {
      const dir = join(root, `bm-${compact}-${VERSION}-${hash}${flags ? `-${flags}` : ''}`);
      mkdirSync(dir, { recursive: true });
      const stem = `bm-${compact}-azure-x86_64-python-main-${VERSION}-${hash}-pystats`;
      const aggregated = src.aggregated[Math.min(src.aggregated.length - 1, Math.floor(w / block))];
      writeFileSync(join(dir, `${stem}.json`), dated(aggregated, hash, day, copy++));
      runs++;
      src.benchmarks.forEach((b, i) => {
        const text = src.perBenchmark[(w + i) % src.perBenchmark.length];
        writeFileSync(join(dir, `${stem}-${b}.json`), dated(text, hash, day, copy++));
        runs++;
      });
    }
  }
  return runs;
}

/** Weeks needed for about `runs` runs. */
export function weeksFor(runs: number, src: ArchiveSources): number {
  return Math.max(1, Math.round(runs / runsPerWeek(src)));
}
