/**
 * The start-up breakdown of a command: where the time goes from process start to the
 * report's first byte and the exit. Off unless PYSTATS_TIMING is set, and then:
 *  - PYSTATS_TIMING=1: a table on stderr as the process exits;
 *  - PYSTATS_TIMING=FILE.json: the marks as JSON (what `make bench` reads).
 *
 * Each mark names the phase that ends at it; times are milliseconds since the process
 * started (performance.timeOrigin), so the first mark is Node's own boot. The launcher
 * (cli/main.ts) and the CLI's bundle each carry a copy of this module: the timeline is
 * shared through a well-known symbol on globalThis. A parse worker has its own clock; it
 * reports its marks as absolute times (timeOrigin + now), which `addEpochMarks` shifts onto
 * the main thread's.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

export type Mark = [name: string, ms: number];

export interface Timeline {
  /** performance.timeOrigin of the main thread: epoch milliseconds of the process start. */
  timeOrigin: number;
  marks: Mark[];
}

const SETTING = process.env.PYSTATS_TIMING;
export const TIMING = SETTING !== undefined && SETTING !== '' && SETTING !== '0';

const KEY = Symbol.for('pystats.timeline');

function timeline(): Timeline {
  const g = globalThis as Record<symbol, Timeline | undefined>;
  if (!g[KEY]) {
    g[KEY] = { timeOrigin: performance.timeOrigin, marks: [] };
    if (isMainThread) process.on('exit', () => report(g[KEY]!));
  }
  return g[KEY]!;
}

/** Ends the phase `name` now. */
export function mark(name: string): void {
  if (TIMING) timeline().marks.push([name, performance.now()]);
}

/** On a worker: its marks so far, in epoch milliseconds (its clock's origin is its own), once. */
export function takeEpochMarks(): Mark[] | undefined {
  if (!TIMING) return undefined;
  const t = timeline();
  const marks = t.marks.map(([name, ms]): Mark => [name, t.timeOrigin + ms]);
  t.marks = [];
  return marks.length > 0 ? marks : undefined;
}

/** On the main thread: a worker's epoch marks, placed on this thread's timeline. */
export function addEpochMarks(marks: Mark[] | undefined): void {
  if (!TIMING || !marks) return;
  const t = timeline();
  for (const [name, epochMs] of marks) t.marks.push([name, epochMs - t.timeOrigin]);
}

function report(t: Timeline): void {
  mark('exit');
  if (SETTING === '1') process.stderr.write(formatTimeline(t.marks));
  else writeFileSync(SETTING!, JSON.stringify(t));
}

/**
 * Marks named `LANE: …` time work that runs alongside the main thread: `worker N: ` a
 * parse worker, `duckdb: ` DuckDB on libuv's thread pool, `load: ` steps within the load.
 * Each lane is its own chain; its first phase starts at the main thread's mark that
 * started it (LANE_STARTS).
 */
const LANE_STARTS: Record<string, string> = {
  worker: 'workers started', duckdb: 'DuckDB binding loaded', load: 'DuckDB ready',
};

export interface Phase {
  name: string;
  /** null: the main thread; else e.g. `worker 1`, `duckdb`. */
  lane: string | null;
  /** How long it took (from the previous mark on its lane). */
  ms: number;
  /** When it ended, ms since the process started. */
  at: number;
}

/** The marks as phases, in time order. */
export function phases(marks: Mark[]): Phase[] {
  let main = 0;
  const starts = new Map<string, number>();
  const lanes = new Map<string, number>();
  return [...marks].sort((a, b) => a[1] - b[1]).map(([name, at]) => {
    const m = /^((\w+)(?: \d+)?): /.exec(name);
    const lane = m !== null && Object.hasOwn(LANE_STARTS, m[2]) ? m[1] : null;
    const since = lane === null ? main : lanes.get(lane) ?? starts.get(m![2]) ?? main;
    if (lane === null) main = at;
    else lanes.set(lane, at);
    for (const [kind, start] of Object.entries(LANE_STARTS)) if (start === name) starts.set(kind, at);
    return { name, lane, ms: at - since, at };
  });
}

/** One line per phase: its name, how long it took, and when it ended. */
export function formatTimeline(marks: Mark[]): string {
  const lines = phases(marks).map((p) =>
    `${(p.lane ? '  ' : '') + p.name}`.padEnd(44) + `${p.ms.toFixed(1).padStart(7)} ms  (at ${p.at.toFixed(1)})`);
  return `start-up breakdown (PYSTATS_TIMING; ms since the process started)\n${lines.join('\n')}\n`;
}
