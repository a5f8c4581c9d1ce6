/**
 * The trend's SQL, run from here: select the runs, load the run -> point assignment and
 * the per-version tables into temp tables, then run one metric's SQL file (or a custom
 * expression) per unit (run or file) and aggregate it per point. Every user value reaches
 * SQL as a bound parameter; the one exception, a custom expression, is regenerated from
 * its parse tree (custom-metric.ts).
 */
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { paramsFor, runSqlFile, sqlStatements, type SqlParams } from '../../sql-file.js';
import { listRuns, type RunFilters, type StoredRun } from '../../runs/read-runs.js';
import { keyLikePattern, type CustomMetric } from './custom-metric.js';

const DIR = 'pipeline/trend/metrics';

/** The filters a trend takes: those of `pystats runs` that pick series, not single commits. */
export type TrendRunFilters = Pick<RunFilters, 'fork' | 'benchmark' | 'machine' | 'flags' | 'since' | 'until'>;

/** A run as a trend uses it: flags '' for a default build, so that it can name a series. */
export interface SelectedRun extends Omit<StoredRun, 'flags'> {
  flags: string;
}

/** The runs a trend reads, through the one run filter (`pystats runs`'), in run_id order. */
export async function selectTrendRuns(conn: DuckDBConnection, f: TrendRunFilters): Promise<SelectedRun[]> {
  const runs = await listRuns(conn, f);
  // In place, not as spread copies: those come out with maps of their own, and every
  // later read of a run's fields goes megamorphic (20,000 runs at a site's scale).
  for (const r of runs) r.flags ??= '';
  return (runs as SelectedRun[]).sort((a, b) => a.runId - b.runId);
}

/** selectTrendRuns over runs the caller listed with the same filters (left as they are), in run_id order. */
export function trendRunsOf(runs: readonly StoredRun[]): SelectedRun[] {
  // Written out (one map for all, see above); typed so that a field StoredRun gains is not left out.
  return runs.map((r): SelectedRun => ({
    runId: r.runId, fork: r.fork, ref: r.ref, commitHash: r.commitHash, commitDate: r.commitDate, pythonVersion: r.pythonVersion,
    machine: r.machine, nickname: r.nickname, benchmark: r.benchmark, flags: r.flags ?? '', nFiles: r.nFiles, sourceKind: r.sourceKind,
    sourcePath: r.sourcePath,
  })).sort((a, b) => a.runId - b.runId);
}

export interface RunAssignment {
  runId: number;
  pointId: number;
}

export type UnitMode = 'runs' | 'files';

export interface CatalogQuery {
  kind: 'catalog';
  /** The metric's SQL file under pipeline/trend/metrics. */
  sqlFile: string;
  params: SqlParams;
  /** The metric is num / den (else num). */
  hasDen: boolean;
  /** 100 for percentages, 1000 for "per 1,000 instructions", else 1. */
  scale: number;
  /** Reads trend_specialized (see trend-tables.ts). */
  needsSpecialized?: boolean;
  /** Reads trend_opfamily. */
  needsFamilies?: boolean;
  /**
   * The metric's parts are the `n` best candidates over the whole trend (the mix's top
   * instructions): `sqlFile` ranks them (name, score; best first) and the metric's SQL
   * gets the chosen names as $top.
   */
  top?: { sqlFile: string; n: number };
  /** A SQL file of temp views the metric's SQL and its `top` SQL both read, made before either runs. */
  prepare?: string;
}

export interface CustomQuery {
  kind: 'custom';
  metric: CustomMetric;
}

export type MetricQuery = CatalogQuery | CustomQuery;

/** One point of one part: the value in run mode, or the spread over files. */
export interface PointValue {
  pointId: number;
  part: string;
  present: boolean;
  value: number | null;
  /** Run mode: the numerator summed exactly (a counter metric's value, digit for digit). */
  exact: bigint | null;
  min: number | null;
  median: number | null;
  max: number | null;
  units: number;
}

/**
 * The units (runs or files) the metric SQL reads, over trend_runs: made once per set of
 * selected runs, then any number of metrics can be queried (queryMetric).
 * `keep`: the units' counters copied once into a temp table (units-keep.sql), which many
 * metrics then scan about twice as fast as the store (the site's 26); for one metric it
 * would only be one more scan. releaseUnits() frees it.
 */
export async function prepareUnits(conn: DuckDBConnection, mode: UnitMode, opts: { keep?: boolean } = {}): Promise<void> {
  await prepareUnitViews(conn, mode);
  if (!opts.keep) return;
  try {
    await runSqlFile(conn, `${DIR}/units-keep.sql`);
  } catch (err) {
    // A counter summed over a run's files past 64 bits: the store's own column is read instead.
    if (!/can't be cast|out of range|overflow/i.test((err as Error).message)) throw err;
    await conn.run('DROP TABLE IF EXISTS trend_units_kept');
  }
}

/** Frees what prepareUnits kept. */
export async function releaseUnits(conn: DuckDBConnection): Promise<void> {
  await conn.run('DROP VIEW IF EXISTS trend_units');
  await conn.run('DROP TABLE IF EXISTS trend_units_kept');
}

async function prepareUnitViews(conn: DuckDBConnection, mode: UnitMode): Promise<void> {
  if (mode === 'files') {
    for (const stmt of sqlStatements(`${DIR}/units-file.sql`)) await conn.run(stmt);
  } else {
    for (const stmt of sqlStatements(`${DIR}/units-run.sql`)) await conn.run(stmt);
    const [[others]] = (await conn.runAndReadAll(
      'SELECT count(*) FROM trend_runs WHERE run_id NOT IN (SELECT run_id FROM trend_one_file)',
    )).getRows();
    const view = Number(others) === 0 ? 'units-run-one-file.sql' : 'units-run-mixed.sql';
    for (const stmt of sqlStatements(`${DIR}/${view}`)) await conn.run(stmt);
  }
}

/**
 * One metric's values per point and part, over the units prepareUnits made. `top`: the
 * parts of a metric that picks them (CatalogQuery.top), when the caller chose them over
 * more points than the units hold (the site, which queries only new points); else they
 * are chosen over the units.
 */
export async function queryMetric(conn: DuckDBConnection, query: MetricQuery, mode: UnitMode, top?: readonly string[]): Promise<PointValue[]> {
  return query.kind === 'catalog' ? queryCatalogMetric(conn, query, mode, top) : queryCustomMetric(conn, query.metric, mode);
}

/** A metric's candidate parts with their scores over the units, best first (CatalogQuery.top). */
export async function queryTopCandidates(conn: DuckDBConnection, q: CatalogQuery): Promise<Array<[string, number]>> {
  if (!q.top) return [];
  if (q.prepare) await runSqlFile(conn, `${DIR}/${q.prepare}`);
  const rows = await runSqlFile(conn, `${DIR}/${q.top.sqlFile}`);
  return rows.map((r) => [r[0] as string, r[1] === null ? NaN : Number(r[1])]);
}

async function queryCatalogMetric(conn: DuckDBConnection, q: CatalogQuery, mode: UnitMode, top?: readonly string[]): Promise<PointValue[]> {
  const [metricSql] = sqlStatements(`${DIR}/${q.sqlFile}`);
  const params: SqlParams = { ...q.params };
  if (q.prepare) await runSqlFile(conn, `${DIR}/${q.prepare}`);
  if (q.top) {
    const names = top ?? (await queryTopCandidates(conn, q)).slice(0, q.top.n).map(([name]) => name);
    params.top = listValue([...names]);
  }
  // Only a plain counter's value is its exact numerator.
  Object.assign(params, { has_den: q.hasDen, scale: q.scale, exact: !q.hasDen && q.scale === 1 });
  const [aggregateSql] = sqlStatements(`${DIR}/${mode === 'runs' ? 'aggregate-runs.sql' : 'aggregate-files.sql'}`);
  const sql = withMetricRows(aggregateSql, metricSql);
  const rows = (await conn.runAndReadAll(sql, paramsFor(sql, params))).getRows();
  return mode === 'files' ? rows.map(fileRow) : rows.map(runRow);
}

/**
 * The aggregate's statement reading the metric's unit rows as a subquery named
 * trend_metric (its one `FROM trend_metric`): the metric and its aggregate are one
 * statement, one trip to DuckDB's thread rather than a temp table and then a query. The
 * site's trends overlap each metric's query with the last one's series, and a second
 * statement only started once those were done (issue 19: a week's rebuild).
 */
function withMetricRows(aggregateSql: string, metricSql: string): string {
  const from = /\bFROM trend_metric\b/;
  if (!from.test(aggregateSql)) throw new Error('aggregate SQL without FROM trend_metric');
  return aggregateSql.replace(from, () => `FROM (\n${metricSql}\n) AS trend_metric`);
}

/** point_id, part, present, exact, value, units */
function runRow(r: DuckDBValue[]): PointValue {
  const present = r[2] === true;
  return {
    pointId: Number(r[0]), part: r[1] as string, present,
    exact: present && typeof r[3] === 'bigint' ? r[3] : null,
    value: present ? finite(r[4]) : null,
    min: null, median: null, max: null, units: Number(r[5]),
  };
}

function fileRow(r: DuckDBValue[]): PointValue {
  const present = r[2] === true;
  const median = present ? finite(r[4]) : null;
  return {
    pointId: Number(r[0]), part: r[1] as string, present, exact: null, value: median,
    min: present ? finite(r[3]) : null, median, max: present ? finite(r[5]) : null, units: Number(r[6]),
  };
}

function finite(v: DuckDBValue): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A custom expression: each key's counters summed per unit (as c0, c1, ...; NULL when the
 * unit has no such key), then the expression over the point's sums (run mode) or per file
 * (file mode, a key the point has reads 0 in a file without it). A point where any key is
 * missing is absent: a gap.
 */
async function queryCustomMetric(conn: DuckDBConnection, m: CustomMetric, mode: UnitMode): Promise<PointValue[]> {
  const params: Record<string, DuckDBValue> = {};
  const picks = m.keys.map((k, i) => {
    params[`k${i}`] = k.glob ? keyLikePattern(k.text) : k.text;
    return k.glob ? `k.key LIKE $k${i} ESCAPE '\\'` : `k.key = $k${i}`;
  });
  const sums = picks.map((p, i) => `sum(u.value) FILTER (WHERE ${p}) AS c${i}`).join(',\n         ');
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE trend_custom AS
     WITH c AS (
       SELECT u.unit_id,
         ${sums}
       FROM trend_units u JOIN trend_keys k USING (key_id)
       WHERE ${picks.map((p) => `(${p})`).join(' OR ')}
       GROUP BY u.unit_id
     )
     SELECT l.unit_id, l.point_id, ${m.keys.map((_, i) => `c.c${i}`).join(', ')}
     FROM trend_unit_list l LEFT JOIN c USING (unit_id)`,
    params,
  );
  const allPresent = m.keys.map((_, i) => `bool_or(c${i} IS NOT NULL)`).join(' AND ');
  if (mode === 'runs') {
    const value = m.toSql((i) => `sum(c${i})::DOUBLE`);
    const rows = (await conn.runAndReadAll(
      `SELECT point_id, '' AS part, ${allPresent} AS present, NULL::HUGEINT AS exact, ${value} AS value, count(*)
       FROM trend_custom GROUP BY point_id ORDER BY point_id`,
    )).getRows();
    return rows.map(runRow);
  }
  const value = m.toSql((i) => `coalesce(c${i}, 0)::DOUBLE`);
  const rows = (await conn.runAndReadAll(
    `WITH v AS (SELECT point_id, ${value} AS v FROM trend_custom),
          p AS (SELECT point_id, ${allPresent} AS present FROM trend_custom GROUP BY point_id)
     SELECT point_id, '' AS part, any_value(p.present), min(v), quantile_cont(v, 0.5), max(v), count(v)
     FROM v JOIN p USING (point_id) GROUP BY point_id ORDER BY point_id`,
  )).getRows();
  return rows.map(fileRow);
}
