/**
 * From selected runs to series and points (pure; no SQL).
 *
 * A series is one combination of the identity dimensions the user splits by (default
 * fork x flags x machine x benchmark). A point is one commit of one series: every run of
 * that series at that commit is summed into it, as summarize_stats.py sums files. Runs
 * without a commit hash are points of their own.
 *
 * When benchmark is not a series dimension, the series aggregates over benchmarks: a
 * point sums the per-benchmark runs of its commit. bench_runner's aggregated run
 * (benchmark 'all') already holds that sum, so it is used only for commits that have no
 * per-benchmark runs in the selection; otherwise it would be counted twice.
 */
import type { SelectedRun } from './metrics/trend-query.js';
import { ALL_BENCHMARKS } from '../runs/run-identity.js';

export const DIMENSIONS = ['fork', 'flags', 'machine', 'benchmark'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type XAxis = 'date' | 'order';

export interface PointDef {
  pointId: number;
  seriesKey: string;
  dims: Partial<Record<Dimension, string>>;
  runIds: number[];
  commit: string | null;
  /** The commit date as stored (%cI text or YYYY-MM-DD). */
  commitDate: string | null;
  /** YYYY-MM-DD of commitDate (the committer's day), made once: every metric's point shares it. */
  day: string | null;
  /** UTC milliseconds of the commit date (null when unknown or unparsable). */
  time: number | null;
  pythonVersions: string[];
  /** Position on the run-order axis: 1-based, over all points, by first run id. */
  order: number;
}

export interface Assembly {
  points: PointDef[];
  /** Runs left out because the x axis is the commit date and they have none. */
  undated: number[];
}

export function dimValue(run: SelectedRun, d: Dimension): string {
  if (d === 'flags') return run.flags === '' ? 'default' : run.flags;
  return run[d] ?? '?';
}

export function parseCommitDate(text: string | null): number | null {
  if (!text) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isFinite(t) ? t : null;
}

export function assemblePoints(runs: readonly SelectedRun[], by: readonly Dimension[], x: XAxis): Assembly {
  // Each commit date parsed once: an archive's 20,000 runs share a few hundred.
  const times = new Map<string | null, number | null>();
  const timeOf = (text: string | null) => {
    let t = times.get(text);
    if (t === undefined) times.set(text, (t = parseCommitDate(text)));
    return t;
  };
  const undated: number[] = [];
  const groups = new Map<string, { dims: Partial<Record<Dimension, string>>; seriesKey: string; runs: SelectedRun[] }>();
  for (const run of runs) {
    if (x === 'date' && timeOf(run.commitDate) === null) {
      undated.push(run.runId);
      continue;
    }
    const dims: Partial<Record<Dimension, string>> = {};
    for (const d of by) dims[d] = dimValue(run, d);
    const seriesKey = by.map((d) => `${d}=${dims[d]}`).join(' ');
    const pointKey = `${seriesKey}\u0000${run.commitHash ?? `run:${run.runId}`}`;
    let g = groups.get(pointKey);
    if (!g) groups.set(pointKey, (g = { dims, seriesKey, runs: [] }));
    g.runs.push(run);
  }
  const aggregateBenchmarks = !by.includes('benchmark');
  const drafts = [...groups.values()].map((g) => {
    let members = g.runs;
    if (aggregateBenchmarks && members.some((r) => r.benchmark !== ALL_BENCHMARKS)) members = members.filter((r) => r.benchmark !== ALL_BENCHMARKS);
    const first = members[0];
    return {
      seriesKey: g.seriesKey, dims: g.dims,
      runIds: members.map((r) => r.runId).sort((a, b) => a - b),
      commit: first.commitHash, commitDate: first.commitDate, day: first.commitDate ? first.commitDate.slice(0, 10) : null, time: timeOf(first.commitDate),
      pythonVersions: [...new Set(members.map((r) => r.pythonVersion).filter((v): v is string => v !== null))],
    };
  });
  drafts.sort((a, b) => (x === 'date' ? (a.time ?? 0) - (b.time ?? 0) : 0) || a.runIds[0] - b.runIds[0]);
  const byFirstRun = [...drafts].sort((a, b) => a.runIds[0] - b.runIds[0]);
  const order = new Map(byFirstRun.map((d, i) => [d, i + 1]));
  return {
    // Written out, not spread: spread copies come out with maps of their own, and every
    // later read of a point (a site reads each once per metric and part) goes megamorphic.
    points: drafts.map((d, i) => ({
      seriesKey: d.seriesKey, dims: d.dims, runIds: d.runIds, commit: d.commit, commitDate: d.commitDate, day: d.day, time: d.time,
      pythonVersions: d.pythonVersions, pointId: i, order: order.get(d)!,
    })),
    undated,
  };
}
