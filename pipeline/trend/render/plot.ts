/**
 * The trend as an SVG line chart, drawn by Vega-Lite (compiled to Vega, rendered
 * headless with `view.toSVG()`): one line per series, commit dates (UTC) or run order on
 * x, a break in the line where a point has no value, and each detected step marked with
 * a triangle (up or down) at its first point plus a dashed rule. In per-file mode a band
 * shows min..max across processes around the median line.
 *
 * The static site (pipeline/site) embeds the same spec with `interactive`: wider
 * tooltips (commit, date, value, change) and a select per fork, benchmark and flags that
 * filters the series in the browser.
 */
import type { TopLevelSpec } from 'vega-lite';
import { importEsm } from '../../import-esm.js';
import { unitLabel } from '../metrics/catalog.js';
import { formatChange, formatValue } from './render.js';
import { changeKind } from '../series.js';
import type { TrendResult } from '../run-trend.js';

export interface PlotOptions {
  /** Tooltips with value and change, and series selectors (fork, benchmark, flags). */
  interactive?: boolean;
  width?: number;
  height?: number;
}

/** The dimensions a reader of an interactive chart can pick series by. */
export const SELECTABLE = ['fork', 'benchmark', 'flags'] as const;
export const ALL_SERIES = '(all)';

interface Row extends Partial<Record<(typeof SELECTABLE)[number], string>> {
  series: string;
  x: number;
  value: number | null;
  min: number | null;
  max: number | null;
  commit: string;
  date: string;
  shown?: string;
  change?: string;
}

interface StepRow extends Partial<Record<(typeof SELECTABLE)[number], string>> {
  series: string;
  x: number;
  value: number;
  label: string;
  dir: string;
}

export function trendPlotSpec(r: TrendResult, opts: PlotOptions = {}): TopLevelSpec {
  const rows: Row[] = [];
  const steps: StepRow[] = [];
  const kind = changeKind(r.metric.unit);
  for (const s of r.series) {
    const dims = opts.interactive ? Object.fromEntries(SELECTABLE.map((d) => [d, s.dims[d] ?? ''])) : {};
    for (const p of s.points) {
      const x = r.x === 'date' ? p.time : p.order;
      if (x === null) continue;
      const extra = opts.interactive
        ? { ...dims, shown: formatValue(r.metric.unit, p.value, p.exact), change: formatChange(kind, p.changePrev) }
        : {};
      rows.push({ series: s.label, x, value: p.value, min: p.min, max: p.max, commit: p.commit ?? '', date: p.date ?? '', ...extra });
      if (p.step && p.value !== null) {
        steps.push({
          ...dims, series: s.label, x, value: p.value, dir: p.step.size > 0 ? 'up' : 'down',
          label: `${p.step.before.toPrecision(5)} → ${p.step.after.toPrecision(5)} (confidence ${p.step.confidence.toFixed(3)})`,
        });
      }
    }
  }
  const xField = r.x === 'date'
    ? { field: 'x', type: 'temporal' as const, title: 'commit date (UTC)', scale: { type: 'utc' as const }, axis: { format: '%Y-%m-%d', labelAngle: -30 } }
    : { field: 'x', type: 'quantitative' as const, title: 'run order', axis: { tickMinStep: 1 } };
  const color = { field: 'series', type: 'nominal' as const, title: 'series', legend: { orient: 'bottom' as const, columns: 1, labelLimit: 600 } };
  const y = { field: 'value', type: 'quantitative' as const, title: `${r.metric.title} (${unitLabel(r.metric.unit)})`, scale: { zero: false } };
  const layers: TopLevelSpec[] = [];
  if (r.mode === 'files') {
    layers.push({
      mark: { type: 'area', opacity: 0.18, invalid: 'break-paths-show-domains' },
      encoding: { x: xField, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' }, color },
    } as unknown as TopLevelSpec);
  }
  layers.push({
    name: 'trend',
    mark: { type: 'line', point: { filled: true, size: 24 }, strokeWidth: 1.8, invalid: 'break-paths-show-domains' },
    encoding: {
      x: xField, y, color,
      tooltip: opts.interactive
        ? [{ field: 'series' }, { field: 'commit' }, { field: 'date' }, { field: 'shown', title: 'value' }, { field: 'change', title: 'change vs previous' }]
        : [{ field: 'series' }, { field: 'date' }, { field: 'commit' }, { field: 'value', type: 'quantitative' }],
    },
  } as unknown as TopLevelSpec);
  const selected = opts.interactive ? [{ filter: SELECTABLE.map((d) => `(${d}_pick === '${ALL_SERIES}' || datum.${d} === ${d}_pick)`).join(' && ') }] : [];
  if (steps.length > 0) {
    layers.push({
      data: { values: steps },
      transform: selected,
      mark: { type: 'rule', strokeDash: [4, 3], color: '#888', opacity: 0.7 },
      encoding: { x: { field: 'x', type: xField.type } },
    } as unknown as TopLevelSpec);
    layers.push({
      data: { values: steps },
      transform: selected,
      name: 'steps',
      mark: { type: 'point', filled: true, size: 140, stroke: 'black', strokeWidth: 1 },
      encoding: {
        x: { field: 'x', type: xField.type }, y: { field: 'value', type: 'quantitative' }, color,
        shape: { field: 'dir', type: 'nominal', scale: { domain: ['up', 'down'], range: ['triangle-up', 'triangle-down'] }, legend: null },
        tooltip: [{ field: 'series' }, { field: 'label', title: 'step' }],
      },
    } as unknown as TopLevelSpec);
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `pystats trend: ${r.metric.title}`, subtitle: 'triangles: detected steps (change points)' },
    width: opts.width ?? 720,
    height: opts.height ?? 360,
    background: 'white',
    data: { values: rows },
    ...(opts.interactive ? { params: selectors(rows), transform: selected } : {}),
    layer: layers,
  } as unknown as TopLevelSpec;
}

/** One drop-down per selectable dimension, listing the values the series have. */
function selectors(rows: Row[]): unknown[] {
  return SELECTABLE.map((d) => {
    const values = [...new Set(rows.map((row) => row[d] ?? ''))].sort();
    return {
      name: `${d}_pick`, value: ALL_SERIES,
      bind: { input: 'select', options: [ALL_SERIES, ...values], name: `${d} ` },
    };
  });
}

export async function renderTrendSvg(r: TrendResult): Promise<string> {
  const [vl, vega] = await Promise.all([
    importEsm<typeof import('vega-lite')>('vega-lite'),
    importEsm<typeof import('vega')>('vega'),
  ]);
  const compiled = vl.compile(trendPlotSpec(r)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
