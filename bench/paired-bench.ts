/**
 * The headline figures of `make bench`, measured in pairs on a machine whose load moves
 * from one second to the next: every round runs the reference on the 2,000-file directory,
 * then `pystats summarize` of it, `pystats ingest` of it into a fresh store (as run: the
 * run's sums only), the same with --per-file (each process's rows kept too), and a
 * one-file summarize, back to back; the figures are medians over the rounds, and the
 * ratios compare runs of the same rounds.
 *
 * The reference is CPython's real Tools/scripts/summarize_stats.py when
 * PYSTATS_REFERENCE_SCRIPT names it (run by PYSTATS_REFERENCE_PYTHON, default python3;
 * ideally the interpreter of a --enable-pystats build, as the issue measured it), given
 * the directory and `--json-output`, as users run it. Without it, the loading loop re-typed
 * in bench/reference-loader.py stands in: it reads the same lines but renders nothing, so
 * ratios against it are lower than against the script.
 *
 * The summarize and ingest runs carry PYSTATS_TIMING: their start-up breakdown
 * (pipeline/timing.ts) is read back and summarized by startupBreakdown().
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fromRoot } from '../pipeline/package-root.js';
import { phases } from '../pipeline/timing.js';
import { measurePystats, type Measurement } from './measure.js';

export interface Reference {
  label: string;
  /** The command for one input directory, writing its JSON to `jsonOut`. */
  command(dir: string, jsonOut: string): string[];
}

export function reference(): Reference {
  const script = process.env.PYSTATS_REFERENCE_SCRIPT;
  if (script) {
    if (!existsSync(script)) throw new Error(`PYSTATS_REFERENCE_SCRIPT: no such file ${script}`);
    const python = process.env.PYSTATS_REFERENCE_PYTHON ?? 'python3';
    return {
      label: `summarize_stats.py (${python})`,
      command: (dir, jsonOut) => [python, script, dir, '--json-output', jsonOut],
    };
  }
  return {
    label: 'reference loading loop (python3, bench/reference-loader.py)',
    command: (dir) => ['python3', fromRoot('bench', 'reference-loader.py'), dir],
  };
}

export interface PairedFigures {
  reference: string;
  rounds: number;
  referenceSeconds: number;
  /** The reference on the one-file directory: its own fixed cost. */
  referenceOneFileSeconds: number;
  /** `node -e 0`: what any Node process costs before it runs a line of pystats. */
  nodeBootSeconds: number;
  summarize: Measurement[];
  ingest: Measurement[];
  /** `ingest --per-file`: per-process rows kept. */
  ingestPerFile: Measurement[];
  oneFile: Measurement[];
}

/**
 * `rounds` rounds of: the reference, summarize, ingest (fresh store), the reference and
 * summarize on one file, and a bare Node.
 */
export function benchPaired(dir: string, oneFileDir: string, work: string, rounds: number): PairedFigures {
  const ref = reference();
  const refSeconds: number[] = [];
  const refOneSeconds: number[] = [];
  const nodeSeconds: number[] = [];
  const out: PairedFigures = {
    reference: ref.label, rounds, referenceSeconds: 0, referenceOneFileSeconds: 0, nodeBootSeconds: 0,
    summarize: [], ingest: [], ingestPerFile: [], oneFile: [],
  };
  const db = join(work, 'paired.duckdb');
  for (let r = 0; r < rounds; r++) {
    refSeconds.push(timeCommand(ref.label, ref.command(dir, join(work, 'reference.json'))));
    out.summarize.push(measurePystats(['summarize', dir, '--json-output', join(work, 'paired.json')], { timed: true, discardStdout: true }));
    for (const [runs, extra] of [[out.ingest, []], [out.ingestPerFile, ['--per-file']]] as const) {
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
      runs.push(measurePystats(['ingest', dir, '--db', db, '--quiet', ...extra], { timed: true, discardStdout: true }));
    }
    refOneSeconds.push(timeCommand(ref.label, ref.command(oneFileDir, join(work, 'reference-one.json'))));
    out.oneFile.push(measurePystats(['summarize', oneFileDir, '--json-output', join(work, 'paired-one.json')], { timed: true, discardStdout: true }));
    nodeSeconds.push(timeCommand('node -e 0', [process.execPath, '-e', '0']));
  }
  out.referenceSeconds = median(refSeconds);
  out.referenceOneFileSeconds = median(refOneSeconds);
  out.nodeBootSeconds = median(nodeSeconds);
  return out;
}

/** Wall seconds of one run of `command`, its output discarded. */
function timeCommand(label: string, [cmd, ...args]: string[]): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${label} failed (${child.status}):\n${child.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Where the goals stand against what no change to pystats can remove, from the paired
 * rounds: Node's own boot (the floor of any command), and the input size from which
 * summarize beats the reference, each taken as a fixed cost (its one-file run) plus a cost
 * per file (the 2,000-file run's excess over it).
 */
export function floorFigures(p: PairedFigures, files: number): string {
  const oneS = median(p.oneFile.map((m) => m.seconds));
  const sumS = median(p.summarize.map((m) => m.seconds));
  const perFile = (sumS - oneS) / (files - 1);
  const refPerFile = (p.referenceSeconds - p.referenceOneFileSeconds) / (files - 1);
  const crossover = refPerFile > perFile ? 1 + (oneS - p.referenceOneFileSeconds) / (refPerFile - perFile) : Infinity;
  const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
  const ingestCpu = median(p.ingest.map((m) => m.cpuSeconds));
  const perFileCpu = median(p.ingestPerFile.map((m) => m.cpuSeconds));
  const cores = availableParallelism();
  return [
    `- \`node -e 0\` (Node's own boot, the floor of any command): ${ms(p.nodeBootSeconds)}; ` +
      `the one-file summarize: ${ms(oneS)}, the reference on the same file: ${ms(p.referenceOneFileSeconds)}.`,
    `- Per file: summarize ${(perFile * 1000).toFixed(3)} ms, the reference ${(refPerFile * 1000).toFixed(3)} ms ` +
      `(${(refPerFile / perFile).toFixed(1)}×). Summarize is faster than the reference from about ` +
      `${Number.isFinite(crossover) ? Math.max(1, Math.round(crossover)).toLocaleString('en-US') : '(never)'} files on.`,
    `- 8× the reference on ${files.toLocaleString('en-US')} files means ${ms(p.referenceSeconds / 8)} in all, ` +
      `${(100 * oneS / (p.referenceSeconds / 8)).toFixed(0)} % of which the one-file summarize spends alone. With no fixed ` +
      `cost but Node's boot, this per-file cost would give ${(p.referenceSeconds / (p.nodeBootSeconds + perFile * files)).toFixed(1)}×.`,
    `- Ingest is CPU-bound: ${ingestCpu.toFixed(2)} CPU-seconds (read, hash, parse and sum, the store's rows and checkpoint) on ${cores} cores ` +
      `cannot take less than ${ms(ingestCpu / cores)}, ${(p.referenceSeconds / (ingestCpu / cores)).toFixed(1)}× the reference at best; ` +
      `with --per-file ${perFileCpu.toFixed(2)} CPU-seconds (DuckDB's append of every process's rows), ` +
      `${(p.referenceSeconds / (perFileCpu / cores)).toFixed(1)}× at best.`,
  ].join('\n') + '\n';
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * One row per phase (milliseconds, median over the runs), in the order they end: the
 * main thread's phases, the parse workers' and DuckDB's alongside (indented), then the
 * process's teardown after its exit event, as the parent saw it.
 */
export function startupBreakdown(columns: Array<{ label: string; runs: Measurement[] }>): string {
  const rows = new Map<string, number[][]>();
  // When each row's phase ends in each column (ms since the process started), to order them.
  const ends = new Map<string, number[][]>();
  const cell = (m: Map<string, number[][]>, name: string, c: number) => {
    if (!m.has(name)) m.set(name, columns.map(() => []));
    return m.get(name)![c];
  };
  columns.forEach((col, c) => {
    for (const run of col.runs) {
      const t = run.timeline!;
      const perRun = new Map<string, number>();
      const add = (name: string, ms: number, at: number) => {
        perRun.set(name, (perRun.get(name) ?? 0) + ms);
        cell(ends, name, c).push(at);
      };
      add('exec (spawn to Node\'s time origin)', t.timeOrigin - run.spawnedAt!, 0);
      let exitAt = 0;
      for (const p of phases(t.marks)) {
        if (p.name === 'exit') exitAt = p.at;
        add(rowName(p.name, p.lane), p.ms, p.at);
      }
      add('process teardown (exit event to reaped)', run.reapedAt! - (t.timeOrigin + exitAt), Infinity);
      for (const [name, ms] of perRun) cell(rows, name, c).push(ms);
    }
  });
  // Each column's rows in the order they end; a row the earlier columns lack goes after
  // the row it follows in its own column.
  const order: string[] = [];
  columns.forEach((_, c) => {
    const own = [...ends].filter(([, e]) => e[c].length > 0).sort((a, b) => median(a[1][c]) - median(b[1][c])).map(([n]) => n);
    own.forEach((name, i) => {
      if (order.includes(name)) return;
      order.splice(i === 0 ? 0 : order.indexOf(own[i - 1]) + 1, 0, name);
    });
  });
  const header = `| phase (median ms) | ${columns.map((c) => c.label).join(' | ')} |\n|---|${columns.map(() => '---:').join('|')}|\n`;
  const body = order.map((name) => {
    const cells = rows.get(name)!.map((xs) => (xs.length === 0 ? '' : median(xs).toFixed(1)));
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  const walls = columns.map((c) => (median(c.runs.map((r) => r.seconds)) * 1000).toFixed(0));
  return `${header}${body.join('\n')}\n| **wall (median)** | ${walls.join(' | ')} |\n`;
}

/**
 * Workers are numbered by thread and their jobs by id: a row sums them, so one summarize
 * and another line up (`worker 2: job 7 parsed` → `worker: parsing`).
 */
function rowName(name: string, lane: string | null): string {
  if (lane === null) return name;
  const label = `  ${name.replace(/^worker \d+: /, 'worker: ')}`;
  if (/ job 0 received$/.test(name)) return '  worker: first job received (boot done, waiting)';
  if (/ job \d+ received$/.test(name)) return '  worker: waiting for the next job';
  if (/ job \d+ parsed /.test(name)) return '  worker: parsing (all jobs, summed)';
  if (/^load: run \d+ /.test(name)) return label.replace(/run \d+ /, 'run ');
  return label;
}
