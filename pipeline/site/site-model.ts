/**
 * What the site shows, read from the store once: the runs, every metric's trend over every
 * series (site-trends.ts: one query per metric over the points not seen before), and each
 * detected step with the two points around it, whose runs the comparison page compares.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StoredRun } from '../runs/read-runs.js';
import type { TrendRunFilters } from '../trend/metrics/trend-query.js';
import { resolveMetric } from '../trend/metrics/catalog.js';
import type { TrendResult } from '../trend/run-trend.js';
import type { TrendPoint, TrendSeries } from '../trend/series.js';
import type { Step } from '../trend/detect/detect.js';
import { comparisonPage, metricPage } from './paths.js';
import { readSiteTrends } from './site-trends.js';
import type { SiteWriter } from './site-writer.js';

/**
 * The metrics a site shows by default: every metric of the catalog; those that need an
 * instruction or family get the ones most reports are read for.
 */
export const DEFAULT_SITE_METRICS = [
  'instructions', 'effectiveness', 'mix',
  'spec.hit:LOAD_ATTR', 'spec.miss:LOAD_ATTR', 'spec.deferred:LOAD_ATTR', 'spec.deopt:LOAD_ATTR', 'spec.failure:LOAD_ATTR',
  'spec.hit:LOAD_GLOBAL', 'spec.hit:CALL', 'spec.failure:CALL', 'spec.hit:BINARY_OP', 'spec.hit:STORE_ATTR',
  'family.count:LOAD_ATTR', 'family.share:CALL', 'opcode.count:LOAD_FAST', 'opcode.share:LOAD_FAST',
  'uops.executed', 'traces.created', 'optimizer.success', 'gc.collections',
  'alloc.per_kinstr', 'frees.per_kinstr', 'frames.pushed', 'calls.inlined', 'rare',
] as const;

export interface SiteMetric {
  spec: string;
  page: string;
  result: TrendResult;
}

export interface SiteStep {
  metric: SiteMetric;
  series: TrendSeries;
  step: Step;
  /** The last point with a value before the step, and the step's first point. */
  before: TrendPoint;
  after: TrendPoint;
  comparison: string;
}

export interface Comparison {
  page: string;
  base: number[];
  head: number[];
}

export interface SiteModel {
  runs: StoredRun[];
  metrics: SiteMetric[];
  /** Newest first (newestFirst). */
  steps: SiteStep[];
  comparisons: Comparison[];
  /** Trend points queried from the store, and points whose values the site's trend cache held. */
  trendPoints: { queried: number; cached: number };
}

export interface SiteRequest {
  metrics: readonly string[];
  filters: TrendRunFilters;
}

/**
 * `out`: the folder being built, whose trend cache spares querying the points a previous
 * build saw (site-trends.ts); `runs`: the runs `req.filters` select (listRuns).
 */
export async function readSiteModel(conn: DuckDBConnection, req: SiteRequest, out: SiteWriter, runs: StoredRun[]): Promise<SiteModel> {
  for (const spec of req.metrics) resolveMetric(spec);
  const trends = await readSiteTrends(conn, req.metrics, req.filters, out, runs);
  const metrics: SiteMetric[] = req.metrics.map((spec, i) => ({ spec, page: metricPage(spec), result: trends.results[i] }));
  const steps: SiteStep[] = [];
  const comparisons = new Map<string, Comparison>();
  for (const metric of metrics) {
    for (const series of metric.result.series) {
      for (const step of series.steps) {
        const after = series.points[step.index];
        // The last point with a value before the step's (searched back, with no copy of the points per step).
        let before: TrendPoint | undefined;
        for (let j = step.index - 1; j >= 0 && !before; j--) if (series.points[j].value !== null) before = series.points[j];
        if (!before) continue;
        const page = comparisonPage(before.runIds, after.runIds);
        if (!comparisons.has(page)) comparisons.set(page, { page, base: before.runIds, head: after.runIds });
        steps.push({ metric, series, step, before, after, comparison: page });
      }
    }
  }
  // Newest first, once: every page lists its steps so (a stable sort, so a page's subset
  // filtered from these is in the order sorting it would give).
  steps.sort(newestFirst);
  return { runs, metrics, steps, comparisons: [...comparisons.values()], trendPoints: trends.points };
}

/** Newest first: by the step's x (commit time, else run order). */
export function newestFirst(a: SiteStep, b: SiteStep): number {
  return (b.after.time ?? 0) - (a.after.time ?? 0) || b.after.order - a.after.order;
}

const LINES = new WeakMap<SiteMetric, Map<string, TrendSeries[]>>();

/** A metric's lines on one series (its parts), indexed once per metric: pages ask for them thousands of times. */
export function linesOf(m: SiteMetric, key: string): TrendSeries[] {
  let map = LINES.get(m);
  if (!map) {
    map = new Map();
    for (const s of m.result.series) {
      const list = map.get(s.key);
      if (list) list.push(s);
      else map.set(s.key, [s]);
    }
    LINES.set(m, map);
  }
  return map.get(key) ?? [];
}
