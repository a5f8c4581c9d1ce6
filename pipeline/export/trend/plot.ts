/**
 * The trend as an SVG line chart, drawn by Vega-Lite (compiled to Vega, rendered
 * headless with `view.toSVG()`): one line per series, commit dates (UTC) or run order on
 * x, a break in the line where a point has no value, and each detected step marked with
 * a triangle (up or down) at its first point plus a dashed rule. In per-file mode a band
 * shows min..max across processes around the median line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { importEsm } from '../../import-esm.js';
import { unitLabel } from './catalog.js';
import type { TrendResult } from './run-trend.js';

interface Row {
  series: string;
  x: number;
  value: number | null;
  min: number | null;
  max: number | null;
  commit: string;
  date: string;
}

interface StepRow {
  series: string;
  x: number;
  value: number;
  label: string;
  dir: string;
}

export function trendPlotSpec(r: TrendResult): TopLevelSpec {
  const rows: Row[] = [];
  const steps: StepRow[] = [];
  for (const s of r.series) {
    for (const p of s.points) {
      const x = r.x === 'date' ? p.time : p.order;
      if (x === null) continue;
      rows.push({ series: s.label, x, value: p.value, min: p.min, max: p.max, commit: p.commit ?? '', date: p.date ?? '' });
      if (p.step && p.value !== null) {
        steps.push({
          series: s.label, x, value: p.value, dir: p.step.size > 0 ? 'up' : 'down',
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
    mark: { type: 'line', point: { filled: true, size: 24 }, strokeWidth: 1.8, invalid: 'break-paths-show-domains' },
    encoding: {
      x: xField, y, color,
      tooltip: [{ field: 'series' }, { field: 'date' }, { field: 'commit' }, { field: 'value', type: 'quantitative' }],
    },
  } as unknown as TopLevelSpec);
  if (steps.length > 0) {
    layers.push({
      data: { values: steps },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#888', opacity: 0.7 },
      encoding: { x: { field: 'x', type: xField.type } },
    } as unknown as TopLevelSpec);
    layers.push({
      data: { values: steps },
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
    width: 720,
    height: 360,
    background: 'white',
    data: { values: rows },
    layer: layers,
  } as unknown as TopLevelSpec;
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
