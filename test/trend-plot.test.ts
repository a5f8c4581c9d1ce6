/**
 * The SVG chart: one line path per series, each with as many vertices as the series has
 * values (a gap breaks the path with a new "M" rather than dropping to zero), and a
 * triangle for every detected step.
 */
import { describe, expect, it } from 'vitest';
import { computeTrend, type TrendResult } from '../pipeline/trend/run-trend.js';
import { renderTrendSvg } from '../pipeline/trend/render/plot.js';
import { useSeriesStore } from './trend-fixtures.js';

const store = useSeriesStore('series_all_benchmarks_python_main_default_build', 'series_coroutines');

interface LinePath {
  series: string;
  /** Vertices: every M or L command of the path data. */
  vertices: Array<[number, number]>;
  /** Sub-paths (a gap starts a new one). */
  pieces: number;
}

function linePaths(svg: string): LinePath[] {
  const out: LinePath[] = [];
  for (const m of svg.matchAll(/<path ([^>]*aria-roledescription="line mark"[^>]*)\/>/g)) {
    const attrs = m[1];
    const series = /series: (.*?); date:/.exec(attrs)?.[1];
    if (series === undefined) throw new Error(`line path without a series: ${attrs.slice(0, 200)}`);
    const d = /\sd="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const cmds = [...d.matchAll(/([ML])(-?[\d.e]+),(-?[\d.e]+)/g)];
    out.push({
      series: series.replace(/&amp;/g, '&'),
      vertices: cmds.map((c) => [Number(c[2]), Number(c[3])]),
      pieces: cmds.filter((c) => c[1] === 'M').length,
    });
  }
  return out;
}

function stepMarks(svg: string): number {
  return [...svg.matchAll(/aria-roledescription="point"[^>]*aria-label="[^"]*step: /g)].length +
    [...svg.matchAll(/aria-label="[^"]*step: [^"]*"[^>]*aria-roledescription="point"/g)].length;
}

function presentCount(r: TrendResult, label: string): number {
  return r.series.find((s) => s.label === label)!.points.filter((p) => p.value !== null).length;
}

describe('trend plot (Vega-Lite SVG)', () => {
  it('15-run series, top-4 mix: one path per series with one vertex per point', async () => {
    const r = await computeTrend(store.conn, { metric: 'mix:4', filters: { benchmark: 'all' } });
    expect(r.series).toHaveLength(4);
    const paths = linePaths(await renderTrendSvg(r));
    expect(paths.map((p) => p.series).sort()).toEqual(r.series.map((s) => s.label).sort());
    for (const p of paths) {
      expect(p.vertices).toHaveLength(15);
      expect(p.pieces).toBe(1);
    }
    // x grows with the commit date.
    const xs = paths[0].vertices.map((v) => v[0]);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('coroutines series split by fork: gaps break the line instead of dropping to 0', async () => {
    const r = await computeTrend(store.conn, {
      metric: 'opcode.count:LOAD_CONST_MORTAL', filters: { benchmark: 'coroutines' }, by: ['benchmark'],
    });
    const paths = linePaths(await renderTrendSvg(r));
    expect(paths).toHaveLength(1);
    expect(paths[0].vertices).toHaveLength(presentCount(r, r.series[0].label));
    expect(paths[0].vertices).toHaveLength(3);
    const byFork = await computeTrend(store.conn, {
      metric: 'opcode.count:BINARY_SUBSCR_TUPLE_INT', filters: { benchmark: 'coroutines' }, by: ['fork', 'benchmark'],
    });
    const forkPaths = linePaths(await renderTrendSvg(byFork));
    expect(forkPaths).toHaveLength(byFork.series.length);
    for (const p of forkPaths) expect(p.vertices).toHaveLength(presentCount(byFork, p.series));
  });

  it('a gap in the middle of a line makes two pieces', async () => {
    // uops.executed exists in the 2024-11-23 and 2025-01-04 PYTHON_UOPS runs only: on
    // the run-order axis those are points 1 and 3, with the default build's gap between.
    const r = await computeTrend(store.conn, { metric: 'uops.executed', filters: { benchmark: 'coroutines' }, by: [], x: 'order' });
    const values = r.series[0].points.map((p) => p.value !== null);
    const paths = linePaths(await renderTrendSvg(r));
    expect(paths).toHaveLength(1);
    expect(paths[0].vertices).toHaveLength(values.filter(Boolean).length);
    const runsOfPresence = values.map((v, i) => (v && !values[i - 1] ? 1 : 0) as number).reduce((a, b) => a + b, 0);
    expect(paths[0].pieces).toBe(runsOfPresence);
    expect(paths[0].pieces).toBeGreaterThan(1);
  });

  it('marks every detected step', async () => {
    const r = await computeTrend(store.conn, { metric: 'frames.pushed', filters: { benchmark: 'all' } });
    const steps = r.series.reduce((n, s) => n + s.steps.length, 0);
    expect(steps).toBeGreaterThan(0);
    expect(stepMarks(await renderTrendSvg(r))).toBe(steps);
  });
});
