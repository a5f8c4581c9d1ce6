/**
 * `pystats trend` without the CLI: resolve the metric, select runs, group them into series
 * and points, query the metric per point, then detect steps on every series.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  prepareUnits, queryMetric, selectTrendRuns, trendRunsOf, type MetricQuery, type PointValue, type SelectedRun, type TrendRunFilters,
} from './metrics/trend-query.js';
import { loadTrendTables } from './metrics/trend-tables.js';
import { parseCustomMetric } from './metrics/custom-metric.js';
import type { StoredRun } from '../runs/read-runs.js';
import { CUSTOM_METRIC, resolveMetric, type MetricUnit } from './metrics/catalog.js';
import { assemblePoints, DIMENSIONS, type Dimension, type PointDef, type XAxis } from './points.js';
import { attachSteps, seriesOfTable, type TrendSeries } from './series.js';
import { ValueTable } from './value-table.js';
import { markBreaks, markCaveats } from './breaks.js';
import { DEFAULT_DETECT, detectSteps, type Step, type StepScale } from './detect/detect.js';
import { eDivisiveSteps } from './detect/edivisive.js';

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
  const { query } = resolveRequest(req);
  const prepared = await prepareTrend(conn, {
    filters: req.filters, by: req.by, x: req.x, perFile: req.perFile,
    specialized: query.kind === 'catalog' && query.needsSpecialized === true,
    families: query.kind === 'catalog' && query.needsFamilies === true,
  });
  return trendOfPrepared(conn, prepared, req);
}

/** What every metric of one selection shares: the runs, their series and points, the temp tables. */
export interface PreparedTrend {
  runs: SelectedRun[];
  points: PointDef[];
  undated: number[];
  by: Dimension[];
  x: XAxis;
  mode: 'runs' | 'files';
  /** The tables loaded for metrics that need them (see loadTrendTables). */
  specialized: boolean;
  families: boolean;
}

export interface PrepareRequest extends Pick<TrendRequest, 'filters' | 'by' | 'x' | 'perFile'> {
  /** The runs `filters` select, when the caller has listed them already (listRuns). */
  runs?: readonly StoredRun[];
  /** Load what opcode, family, mix and effectiveness metrics read (true when unsure). */
  specialized?: boolean;
  families?: boolean;
}

/**
 * Selects the runs, groups them into series and points and loads the temp tables once:
 * then trendOfPrepared answers any number of metrics with one query each, over every series.
 */
export async function prepareTrend(conn: DuckDBConnection, req: PrepareRequest): Promise<PreparedTrend> {
  const by = [...(req.by ?? DIMENSIONS)];
  const x = req.x ?? 'date';
  const mode = req.perFile ? 'files' : 'runs';
  const runs = req.runs ? trendRunsOf(req.runs) : await selectTrendRuns(conn, req.filters ?? {});
  const { points, undated } = assemblePoints(runs, by, x);
  const prepared: PreparedTrend = {
    runs, points, undated, by, x, mode, specialized: req.specialized ?? true, families: req.families ?? true,
  };
  if (points.length === 0) return prepared;
  await loadTrendTables(conn, runs, points.flatMap((p) => p.runIds.map((runId) => ({ runId, pointId: p.pointId }))), {
    specialized: prepared.specialized, families: prepared.families,
  });
  await prepareUnits(conn, mode);
  return prepared;
}

/** One metric (`metric` or `expr`, detection options) over a prepared selection. */
export async function trendOfPrepared(
  conn: DuckDBConnection, prepared: PreparedTrend, req: Pick<TrendRequest, 'metric' | 'expr' | 'unit' | 'method' | 'minStep'>,
): Promise<TrendResult> {
  const { query } = resolveRequest(req);
  if (query.kind === 'catalog' && ((query.needsSpecialized && !prepared.specialized) || (query.needsFamilies && !prepared.families))) {
    throw new Error(`metric ${resolveRequest(req).info.title} needs tables this prepared trend did not load`);
  }
  const values = prepared.points.length === 0 ? [] : await queryMetric(conn, query, prepared.mode);
  return trendFromValues(prepared, req, values);
}

/**
 * The trend from a metric's values per point (queryMetric's, or the site's, which keeps
 * the values of points it has seen): series, known breaks, detected steps. Pure.
 */
export function trendFromValues(
  prepared: PreparedTrend, req: Pick<TrendRequest, 'metric' | 'expr' | 'unit' | 'method' | 'minStep'>, values: readonly PointValue[],
): TrendResult {
  return trendFromTable(prepared, req, ValueTable.of(values, prepared.points.length));
}

/**
 * trendFromValues over values already in columns (the site's, value-table.ts). `known`:
 * the steps detection found on these very values before (by series, in order), which the
 * site's trend cache keeps: used when there is one list per series, else detected.
 */
export function trendFromTable(
  prepared: PreparedTrend, req: Pick<TrendRequest, 'metric' | 'expr' | 'unit' | 'method' | 'minStep'>, table: ValueTable,
  known?: readonly Step[][] | null,
): TrendResult {
  const result = trendBeforeDetection(prepared, req, table);
  if (known && known.length === result.series.length && known.every((list, i) => list.every((st) => st.index < result.series[i].points.length))) {
    result.series.forEach((s, i) => attachSteps(s, [...known[i]]));
    return result;
  }
  const { scale, minEffect } = result.detection;
  for (const s of result.series) {
    const ys = s.points.map((p) => p.value);
    if (result.method === 'robust') attachSteps(s, detectSteps(ys, scale, { minEffect }));
    else if (result.method === 'edivisive') attachSteps(s, eDivisiveSteps(ys));
  }
  return result;
}

/**
 * The trend with its series and known breaks, no steps yet (trendFromTable detects them;
 * the site has them detected on a thread of its own, site-trends.ts). Pure.
 */
export function trendBeforeDetection(
  prepared: PreparedTrend, req: Pick<TrendRequest, 'metric' | 'expr' | 'unit' | 'method' | 'minStep'>, table: ValueTable,
): TrendResult {
  const { info } = resolveRequest(req);
  const { points, undated, by, x, mode, runs } = prepared;
  const method = req.method ?? 'robust';
  const scale: StepScale = info.unit === 'percent' ? 'percent' : 'relative';
  const minEffect = req.minStep == null ? DEFAULT_DETECT[scale].minEffect : scale === 'relative' ? req.minStep / 100 : req.minStep;
  const result: TrendResult = {
    metric: info, x, mode, by, method, detection: { scale, minEffect, minShareChange: DEFAULT_DETECT[scale].minShareChange, alpha: DEFAULT_DETECT[scale].alpha },
    series: [], undatedRuns: undated, runsSelected: runs.length,
  };
  if (points.length === 0) return result;
  result.series = seriesOfTable(points, table, info.unit);
  markBreaks(result.series, info.id, info.title);
  markCaveats(result.series, info.id, info.title);
  return result;
}

export function resolveRequest(req: Pick<TrendRequest, 'metric' | 'expr' | 'unit'>): { info: TrendMetricInfo; query: MetricQuery } {
  if (req.expr) {
    const metric = parseCustomMetric(req.expr);
    return {
      info: {
        id: CUSTOM_METRIC.id, arg: null, title: req.expr, unit: req.unit ?? 'value',
        definition: `Custom: ${req.expr}`,
        sql: `generated from the expression (pipeline/trend/metrics/custom-metric.ts); keys bound as parameters: ${metric.keys.map((k) => JSON.stringify(k.text)).join(', ')}`,
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
      sql: `pipeline/trend/metrics/${def.sqlFile}${bound ? ` (${bound})` : ''}`,
    },
    query: q,
  };
}

export class TrendRequestError extends Error {}
