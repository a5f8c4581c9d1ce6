/**
 * The data of one metric's chart over one series, a file of its own that the metric page
 * loads when the chart is shown (never inline in a page: a page's weight must not grow
 * with the archive). A script rather than JSON: pages opened from file:// cannot fetch(),
 * but may add a <script> (the run pages load their data the same way). The script adds
 * its data under its own path to a global, so several can load at once.
 *
 * Columnar and compact: per line its values to 7 significant digits (a chart's precision;
 * the exact figures are in `pystats trend`), then the steps as [line, point, before, after,
 * confidence]. The x axis (commit time in whole seconds, or run order) and the commits are
 * the same for every metric of a series: they are the series' own file, data/axis/KEY.js.
 */
import { axisDataScript, chartDataScript } from './paths.js';
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

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(7)));

export function chartData(m: SiteMetric, key: string): ChartData {
  const lines = linesOf(m, key);
  return {
    lines: lines.map((s) => ({ label: s.part || s.label, values: s.points.map((p) => round(p.value)) })),
    steps: lines.flatMap((s, li) => s.steps.map((st): [number, number, number, number, number] =>
      [li, st.index, round(st.before)!, round(st.after)!, Number(st.confidence.toFixed(3))])),
  };
}

function script(path: string, value: unknown): { path: string; text: string } {
  return { path, text: `(self.${CHART_GLOBAL}||(self.${CHART_GLOBAL}={}))[${JSON.stringify(path)}]=${JSON.stringify(value)};\n` };
}

export function chartScript(m: SiteMetric, key: string): { path: string; text: string } {
  return script(chartDataScript(m.page, key), chartData(m, key));
}

/** A series' x axis and commits, from any metric that has the series (all share its points). */
export function axisScript(m: SiteMetric, key: string): { path: string; text: string } {
  const first = linesOf(m, key)[0];
  const axis: ChartAxis = {
    x: first ? first.points.map((p) => (m.result.x === 'date' ? (p.time === null ? null : Math.round(p.time / 1000)) : p.order)) : [],
    commits: first ? first.points.map((p) => p.commit?.slice(0, 9) ?? '') : [],
  };
  return script(axisDataScript(key), axis);
}
