/**
 * The index's small charts: an inline SVG per series and metric, a line through every point
 * with a value (one vertex each, broken at gaps: a new "M"), a dot on a point no line
 * reaches (alone between gaps), a triangle where a step starts. No other dots: a page
 * holds hundreds of these charts, and its weight must grow by a few bytes a point. Drawn here
 * rather than by Vega: the index holds a chart for every series and metric (hundreds), which
 * must cost nothing to build and nothing to open; the metric pages have the Vega-Lite charts.
 */
import { html, raw, type Html } from './html.js';
import type { TrendSeries } from '../trend/series.js';

const W = 180;
const H = 44;
const PAD = 4;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function sparkline(lines: readonly TrendSeries[], label: string, xOf: (s: TrendSeries, i: number) => number | null): Html {
  // The extent of every drawn coordinate, in one pass (no array of points: ~7,000 charts a
  // build). Plain loops: doubles a closure assigns live boxed in its context, one heap
  // number per assignment, and these loops ran ~200 MB of them through the GC a build.
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const s of lines) {
    const points = s.points;
    for (let i = 0; i < points.length; i++) {
      const x = xOf(s, i);
      if (x !== null) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
      }
      const y = points[i].value;
      if (y !== null) {
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const sx = (x: number) => (x1 === x0 ? W / 2 : PAD + ((x - x0) / (x1 - x0)) * (W - 2 * PAD));
  const sy = (y: number) => (y1 === y0 ? H / 2 : H - PAD - ((y - y0) / (y1 - y0)) * (H - 2 * PAD));
  // Whole pixels: the chart is 180 × 44, and a page holds hundreds of them. (For v ≥ 0,
  // Math.round is toFixed(0) exactly, ties up, and much cheaper; below 0 they differ.)
  const f = (v: number) => (v >= 0 ? String(Math.round(v)) : v.toFixed(0));
  // Built as plain text (numbers and fixed colours need no escaping): a rebuild draws ~7,000
  // of these, and an Html object per point was most of their cost.
  const shapes = lines.map((s, li) => {
    const color = COLORS[li % COLORS.length];
    const points = s.points;
    // Whether point i is drawn (it has a value and an x): asked again, not kept in an array
    // of x's, which held a boxed double per point.
    const drawn = (i: number) => i >= 0 && i < points.length && points[i].value !== null && xOf(s, i) !== null;
    let d = '';
    let dots = '';
    let pen = false;
    for (let i = 0; i < points.length; i++) {
      if (!drawn(i)) {
        pen = false;
        continue;
      }
      const p = points[i];
      const px = sx(xOf(s, i)!);
      const py = sy(p.value!);
      d += `${pen ? 'L' : 'M'}${f(px)},${f(py)}`;
      pen = true;
      if (p.step) dots += `<path class="spark-step" d="M${f(px)},${f(py + (p.step.size > 0 ? -6 : 6))}l-4,${p.step.size > 0 ? 7 : -7}h8z"/>`;
      if (!drawn(i - 1) && !drawn(i + 1)) dots += `<circle cx="${f(px)}" cy="${f(py)}" r="1.6" fill="${color}"/>`;
    }
    return html`<path class="spark-line" d="${d}" fill="none" stroke="${color}" stroke-width="1.2"/>${raw(dots)}`;
  });
  return html`<svg class="spark" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title>${label}</title>${shapes}</svg>`;
}
