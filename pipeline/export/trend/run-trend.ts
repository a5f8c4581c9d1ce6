/**
 * `pystats trend` without the CLI: resolve the metric, select runs, group them into series
 * and points, query the metric per point, then detect steps on every series.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadTrendTables, queryMetric, selectTrendRuns, type MetricQuery, type TrendRunFilters } from '../../query/trend/trend-query.js';
import { parseCustomMetric } from '../../query/trend/custom-metric.js';
import { CUSTOM_METRIC, resolveMetric, type MetricUnit } from './catalog.js';
import { assemblePoints, DIMENSIONS, type Dimension, type XAxis } from './points.js';
import { attachSteps, buildSeries, type TrendSeries } from './series.js';
import { DEFAULT_DETECT, detectSteps, type StepScale } from './detect.js';
import { eDivisiveSteps } from './edivisive.js';

export type DetectMethod = 'robust' | 'edivisive' | 'none';

export interface TrendRequest {
  /** `METRIC` or `METRIC:ARG` from the catalog; ignored when `expr` is given. */
  metric?: string | null;
  /** A custom metric expression (custom-metric.ts). */
  expr?: string | null;
  /** Unit of a custom metric (default 'value'). */
  unit?: MetricUnit;
  filters?: TrendRunFilters;
  by?: readonly Dimension[];
  x?: XAxis;
  perFile?: boolean;
  method?: DetectMethod;
  /** Smallest step reported: % for counts and rates, percentage points for percentages. */
  minStep?: number | null;
}

export interface TrendMetricInfo {
  id: string;
  arg: string | null;
  /** `spec.hit:LOAD_ATTR`, or the custom expression. */
  title: string;
  unit: MetricUnit;
  definition: string;
  /** Where the SQL lives and what it is given. */
  sql: string;
}

export interface TrendResult {
  metric: TrendMetricInfo;
  x: XAxis;
  mode: 'runs' | 'files';
  by: Dimension[];
  method: DetectMethod;
  detection: { scale: StepScale; minEffect: number; minShareChange: number; alpha: number };
  series: TrendSeries[];
  /** Runs left out: no commit date while x is the date. */
  undatedRuns: number[];
  runsSelected: number;
}

export async function computeTrend(conn: DuckDBConnection, req: TrendRequest): Promise<TrendResult> {
  const { info, query } = resolveRequest(req);
  const by = [...(req.by ?? DIMENSIONS)];
  const x = req.x ?? 'date';
  const mode = req.perFile ? 'files' : 'runs';
  const method = req.method ?? 'robust';
  const scale: StepScale = info.unit === 'percent' ? 'percent' : 'relative';
  const minEffect = req.minStep == null ? DEFAULT_DETECT[scale].minEffect : scale === 'relative' ? req.minStep / 100 : req.minStep;
  const runs = await selectTrendRuns(conn, req.filters ?? {});
  const { points, undated } = assemblePoints(runs, by, x);
  const result: TrendResult = {
    metric: info, x, mode, by, method, detection: { scale, minEffect, minShareChange: DEFAULT_DETECT[scale].minShareChange, alpha: DEFAULT_DETECT[scale].alpha },
    series: [], undatedRuns: undated, runsSelected: runs.length,
  };
  if (points.length === 0) return result;
  await loadTrendTables(conn, runs, points.flatMap((p) => p.runIds.map((runId) => ({ runId, pointId: p.pointId }))), {
    specialized: query.kind === 'catalog' && query.needsSpecialized === true,
    families: query.kind === 'catalog' && query.needsFamilies === true,
  });
  const values = await queryMetric(conn, query, mode);
  result.series = buildSeries(points, values, info.unit);
  for (const s of result.series) {
    const ys = s.points.map((p) => p.value);
    if (method === 'robust') attachSteps(s, detectSteps(ys, scale, { minEffect }));
    else if (method === 'edivisive') attachSteps(s, eDivisiveSteps(ys));
  }
  return result;
}

function resolveRequest(req: TrendRequest): { info: TrendMetricInfo; query: MetricQuery } {
  if (req.expr) {
    const metric = parseCustomMetric(req.expr);
    return {
      info: {
        id: CUSTOM_METRIC.id, arg: null, title: req.expr, unit: req.unit ?? 'value',
        definition: `Custom: ${req.expr}`,
        sql: `generated from the expression (pipeline/query/trend/custom-metric.ts); keys bound as parameters: ${metric.keys.map((k) => JSON.stringify(k.text)).join(', ')}`,
      },
      query: { kind: 'custom', metric },
    };
  }
  if (!req.metric) throw new TrendRequestError('name a metric (see --list) or give --expr');
  const { def, arg } = resolveMetric(req.metric);
  const q = def.query(arg);
  const bound = Object.entries(q.params).filter(([, v]) => v !== null).map(([k, v]) => `${k} = ${String(v)}`).join(', ');
  return {
    info: {
      id: def.id, arg, title: arg ? `${def.id}:${arg}` : def.id, unit: def.unit, definition: def.definition,
      sql: `pipeline/query/trend/${def.sqlFile}${bound ? ` (${bound})` : ''}`,
    },
    query: q,
  };
}

export class TrendRequestError extends Error {}
