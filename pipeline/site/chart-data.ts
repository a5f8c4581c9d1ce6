/**
 * The chart data of one series, every metric's, in a file of its own that a metric page
 * loads when the series is shown (never inline in a page: a page's weight must not grow
 * with the archive). One file per series rather than per metric and series: a new week
 * adds a point to every series, so it rewrites one file per series, not one per metric
 * and series (issue 19: 273 files a week, not 7,371; creating a file is what a rebuild
 * pays for), and a reader who goes from one metric's page to another on the same series
 * has its data already. A script rather than JSON: pages opened from file:// cannot
 * fetch(), but may add a <script> (the run pages load their data the same way). The
 * script adds its data under its own path to a global, so several can load at once.
 *
 * Columnar and compact: the x axis (commit time in whole seconds, or run order) and the
 * commits once, shared by every metric of the series; then per metric (by its spec) per
 * line its values to 7 significant digits (a chart's precision; the exact figures are in
 * `pystats trend`), and the steps as [line, point, before, after, confidence].
 */
import { seriesDataScript } from './paths.js';
import { linesOf, type SiteMetric } from './site-model.js';

export const CHART_GLOBAL = 'PYSTATS_CHARTS';

export interface ChartAxis {
  x: Array<number | null>;
  commits: string[];
}

export interface ChartData {
  lines: Array<{ label: string; values: Array<number | null> }>;
  steps: Array<[number, number, number, number, number]>;
}

/** A series' data file: its axis, and each metric that has the series by its spec. */
export interface SeriesChartData extends ChartAxis {
  metrics: Record<string, ChartData>;
}

function round(v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  // A whole number of up to 7 digits (half of an archive's values: counts, zeros) is its own
  // 7-digit rounding, and toPrecision's string costs more than the rest of the file.
  // (-0 comes out as 0, as toPrecision gives.)
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return v === 0 ? 0 : v;
  return Number(v.toPrecision(7));
}

export function chartData(m: SiteMetric, key: string): ChartData {
  const lines = linesOf(m, key);
  return {
    lines: lines.map((s) => ({ label: s.part || s.label, values: s.points.map((p) => round(p.value)) })),
    steps: lines.flatMap((s, li) => s.steps.map((st): [number, number, number, number, number] =>
      [li, st.index, round(st.before)!, round(st.after)!, Number(st.confidence.toFixed(3))])),
  };
}

/** The x axis and commits, from the first metric that has the series (all share its points). */
function axis(metrics: readonly SiteMetric[], key: string): ChartAxis {
  for (const m of metrics) {
    const first = linesOf(m, key)[0];
    if (!first) continue;
    return {
      x: first.points.map((p) => (m.result.x === 'date' ? (p.time === null ? null : Math.round(p.time / 1000)) : p.order)),
      commits: first.points.map((p) => p.commit?.slice(0, 9) ?? ''),
    };
  }
  return { x: [], commits: [] };
}

/** The data script of series `key`: its axis and the chart data of every metric that has it, in the metrics' order. */
export function seriesChartScript(metrics: readonly SiteMetric[], key: string): { path: string; text: string } {
  const data: SeriesChartData = { ...axis(metrics, key), metrics: {} };
  for (const m of metrics) if (linesOf(m, key).length > 0) data.metrics[m.spec] = chartData(m, key);
  const path = seriesDataScript(key);
  return { path, text: `(self.${CHART_GLOBAL}||(self.${CHART_GLOBAL}={}))[${JSON.stringify(path)}]=${JSON.stringify(data)};\n` };
}
