/**
 * A bench_runner pystats archive of any size, made from the real published JSONs bundled
 * in the repository (test/fixtures/published, data/bench_runner): weekly commits on
 * python's main, 3 build configurations (default, JIT, PYTHON_UOPS), each week one
 * aggregated `-pystats.json` and one `-pystats-BENCH.json` per benchmark, laid out as
 * bench_runner names them (`results/bm-DATE-VERSION-HASH[-FLAGS]/bm-…-pystats[-BENCH].json`,
 * pipeline/runs/run-identity.ts).
 *
 * The real files are the templates: aggregated runs come from the aggregated JSONs,
 * per-benchmark runs from the per-benchmark ones, each taken in its real date order over
 * the archive's weeks, so every switch of template is a real step between two CPython
 * commits. Values are scaled per benchmark (and jittered per week, so no two runs share
 * content); keys, key order, metadata shape and JSON layout stay the real ones.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { benchRunnerResultPath, identityFromBenchRunnerPath, type RunIdentity } from '../pipeline/runs/run-identity.js';

/** Runs per week and configuration: the aggregate plus this many benchmarks. */
export const BENCHMARKS_PER_WEEK = 90;
export const CONFIGS: string[][] = [[], ['JIT'], ['PYTHON_UOPS']];
const RUNS_PER_WEEK = CONFIGS.length * (BENCHMARKS_PER_WEEK + 1);
const FIRST_WEEK = Date.UTC(2021, 0, 4); // a Monday; weeks count on from here

export interface Archive {
  root: string;
  runs: number;
  files: string[];
  bytes: number;
}

interface Template {
  text: string;
  version: string;
  date: string;
}

function walkJson(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walkJson(p, out);
    else if (/-pystats(-[^/]+)?\.json$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The distinct real JSONs of python's fork, aggregated and per benchmark, by commit date. */
function templates(): { aggregate: Template[]; perBenchmark: Template[] } {
  const seen = new Set<string>();
  const aggregate: Template[] = [];
  const perBenchmark: Template[] = [];
  for (const base of [fromRoot('test', 'fixtures', 'published'), fromRoot('data', 'bench_runner')]) {
    for (const path of walkJson(base, []).sort()) {
      const text = readFileSync(path, 'utf8');
      const hash = createHash('sha256').update(text).digest('hex');
      const id = identityFromBenchRunnerPath(path);
      if (seen.has(hash) || !id?.pythonVersion || !id.commitDate) continue;
      seen.add(hash);
      const t = { text, version: id.pythonVersion, date: id.commitDate };
      (id.benchmark === 'all' ? aggregate : perBenchmark).push(t);
    }
  }
  const byDate = (a: Template, b: Template) => a.date.localeCompare(b.date);
  return { aggregate: aggregate.sort(byDate), perBenchmark: perBenchmark.sort(byDate) };
}

const UINT64_MAX = (1n << 64n) - 1n;

/** The template's counters times `ppm`/10^6 (exact: BigInt), __nfiles__ and metadata kept. */
function scaled(text: string, ppm: bigint): string {
  return text.replace(/^(\s*"([^"\\]*)": )(\d+)(,?)$/gm, (all, head: string, key: string, v: string, comma: string) => {
    if (key === '__nfiles__') return all;
    const n = (BigInt(v) * ppm) / 1_000_000n;
    return `${head}${n > UINT64_MAX ? UINT64_MAX : n}${comma}`;
  });
}

/** The metadata block's commit fields set to the generated commit (the name and metadata agree). */
function withCommit(text: string, id: RunIdentity, fullHash: string): string {
  return text
    .replace(/"commit_id": "[^"]*"/, `"commit_id": "${fullHash.slice(0, 9)}"`)
    .replace(/"commit_fork": "[^"]*"/, `"commit_fork": "${id.fork}"`)
    .replace(/"commit_branch": "[^"]*"/, `"commit_branch": "${fullHash}"`)
    .replace(/"commit_date": "[^"]*"/, `"commit_date": "${id.commitDate}"`);
}

function benchmarkNames(): string[] {
  return Array.from({ length: BENCHMARKS_PER_WEEK }, (_, i) => `bench_${String(i).padStart(2, '0')}`);
}

/**
 * Writes weeks `fromWeek` … until `runs` runs (whole week-configurations) under `root`,
 * unless a marker says that archive is there already. Returns its files in walk order.
 */
export function buildArchive(root: string, runs: number, fromWeek = 0): Archive {
  const weeks = Math.max(1, Math.ceil(runs / RUNS_PER_WEEK));
  const marker = join(root, `.built-v2-${runs}-from-${fromWeek}`);
  const archive: Archive = { root, runs: 0, files: [], bytes: 0 };
  const fresh = !existsSync(marker);
  const t = templates(); // even for an archive already there: the names carry their versions
  if (fresh) rmSync(root, { recursive: true, force: true });
  const names = benchmarkNames();
  // Distinct per benchmark, and every run's jitter distinct (below): no two runs share content.
  const factors = names.map((_, i) => 300_000 + 29_000 * i);
  // The archive's span of weeks, for placing templates in date order over it.
  const span = Math.max(fromWeek + weeks, 1);
  for (let w = fromWeek; w < fromWeek + weeks; w++) {
    const date = new Date(FIRST_WEEK + w * 7 * 86_400_000).toISOString().slice(0, 10);
    const pick = (list: Template[]) => list[Math.min(list.length - 1, Math.floor((w / span) * list.length))];
    for (const [c, flags] of CONFIGS.entries()) {
      if (archive.runs >= runs) break;
      const fullHash = createHash('sha1').update(`${date}/${c}`).digest('hex');
      const agg = pick(t.aggregate);
      const per = pick(t.perBenchmark);
      for (const [b, bench] of ['all', ...names].entries()) {
        if (archive.runs >= runs) break;
        const template = b === 0 ? agg : per;
        const id: RunIdentity = {
          fork: 'python', ref: fullHash, commitHash: fullHash, commitDate: `${date}T12:00:00+00:00`,
          pythonVersion: agg.version, machine: 'x86_64', nickname: 'azure', benchmark: bench, flags,
        };
        const path = join(root, benchRunnerResultPath(id, 'json'));
        archive.files.push(path);
        archive.runs++;
        if (!fresh) {
          archive.bytes += statSync(path).size;
          continue;
        }
        const ppm = BigInt((b === 0 ? 1_000_000 : factors[b - 1]) + ((w * CONFIGS.length + c) % 20_000) - 10_000);
        const text = withCommit(scaled(template.text, ppm), id, fullHash);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
        archive.bytes += Buffer.byteLength(text);
      }
    }
  }
  if (fresh) writeFileSync(marker, '');
  return archive;
}

/** The week after an archive of `runs` runs: its 3 × 91 new runs, in a tree of their own. */
export function buildNextWeek(root: string, runs: number): Archive {
  const week = Math.ceil(runs / RUNS_PER_WEEK);
  return buildArchive(root, RUNS_PER_WEEK, week);
}
