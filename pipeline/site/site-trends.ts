/**
 * The site's trends, every metric over every series, read incrementally: the values of
 * the points a previous build of the same folder saw come from its trend cache
 * (trend-cache.ts); only the other points are queried, all metrics over one prepared
 * selection narrowed to them. Series, breaks and steps are then made from every point's
 * values exactly as `pystats trend` makes them (trendFromValues), so a rebuild's pages are
 * the bytes a cold build writes.
 *
 * The cache is used only when every point it holds is still a point of the trend (runs
 * were only added, none removed or joined to a point already seen): otherwise, and when
 * it is missing or made under another stamp, every point is queried.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile } from '../sql-file.js';
import { prepareUnits, queryMetric, releaseUnits, queryTopCandidates, type CatalogQuery, type TrendRunFilters } from '../trend/metrics/trend-query.js';
import { prepareTrend, resolveRequest, trendBeforeDetection, trendFromTable, trendFromValues, type PreparedTrend, type TrendResult } from '../trend/run-trend.js';
import { DetectionThread } from '../trend/detect/detect-client.js';
import { ValueTable } from '../trend/value-table.js';
import type { StoredRun } from '../runs/read-runs.js';
import { metricStamp, pointKeys, readTrendCache, trendCacheStamp, TrendCacheWriter } from './trend-cache.js';
import type { SiteWriter } from './site-writer.js';
import { collectGarbageAfter } from './collect-garbage.js';

/** Heap growth (each metric's dead values, mostly) collected while the trends are read. */
const GARBAGE_BYTES = 128 << 20;

export interface SiteTrends {
  results: TrendResult[];
  /** Points queried from the store, and points whose values came from the cache. */
  points: { queried: number; cached: number };
}

/** `runs`: the runs `filters` select, when the caller has listed them (else listed here). */
export async function readSiteTrends(
  conn: DuckDBConnection, specs: readonly string[], filters: TrendRunFilters, out: SiteWriter, runs?: readonly StoredRun[],
): Promise<SiteTrends> {
  const prepared = await prepareTrend(conn, { filters, runs });
  if (prepared.points.length === 0) {
    return { results: specs.map((metric) => trendFromValues(prepared, { metric }, [])), points: { queried: 0, cached: 0 } };
  }
  const stamp = await trendCacheStamp(conn, prepared, specs);
  const keys = await pointKeys(conn, prepared);
  let cache = readTrendCache(out, stamp);
  const idOf = new Map(keys.map((k, id) => [k, id]));
  // Each cached point's id now; the cache is of no use when one of its points is gone.
  const cachedIds = cache ? Int32Array.from(cache.points, (k) => idOf.get(k) ?? -1) : null;
  if (cachedIds?.includes(-1)) cache = null;
  const fresh = cache ? prepared.points.filter((p) => !cache.has(keys[p.pointId])).map((p) => p.pointId) : null;
  const writer = new TrendCacheWriter(keys);
  const results: TrendResult[] = new Array(specs.length);
  const again: number[] = [];
  const units = new Units(conn, prepared);
  if (fresh === null) await units.all();
  else if (fresh.length > 0) await units.only(fresh);
  // Nothing new and every point where it was: the cache this build would write is the
  // one it read, whose bytes are written again (unless a metric is queried again below).
  const unchanged = cache !== null && fresh!.length === 0 && cachedIds!.every((id, i) => id === i) && cachedIds!.length === keys.length;
  const kept: Array<{ i: number; table: ValueTable; top?: Top }> = [];
  let added = Promise.resolve();
  const stamps: string[] = [];
  /** One metric's values: the store's (new points) and the cache's; null when it is to be queried again over every point. */
  const fetch = async (i: number): Promise<{ table: ValueTable; top?: Top } | null> => {
    const { query } = resolveRequest({ metric: specs[i] });
    stamps[i] = await metricStamp(conn, query);
    const cached = cache?.metric(specs[i]) ?? null;
    // A family metric whose family gained an instruction: every point is queried again.
    if (cache && (cached?.stamp ?? '') !== stamps[i]) return null;
    const table = new ValueTable(prepared.points.length);
    let top: Top | undefined;
    if (fresh === null || fresh.length > 0) {
      if (query.kind === 'catalog' && query.top) {
        const chosen = await chooseTop(conn, query, cached);
        // The mix's top N changed with the new points: every point's mix is queried again.
        if (chosen === null) return null;
        top = chosen;
      }
      for (const v of await queryMetric(conn, query, prepared.mode, top?.top)) table.add(v);
    } else if (cached?.top) {
      top = { candidates: cached.candidates ?? [], top: cached.top };
    }
    return { table, top };
  };
  // Made before any query is under way: a thread that cannot start stops the build there.
  const detection = unchanged ? null : new DetectionThread();
  // The next metric's queries are started before this one's series are made: DuckDB runs
  // them on its own threads meanwhile.
  let next = fetch(0);
  try {
    for (let i = 0; i < specs.length; i++) {
      const got = await next;
      if (i + 1 < specs.length) {
        next = fetch(i + 1);
        // Its failure is thrown where it is awaited, not reported as unhandled meanwhile.
        next.catch(() => undefined);
      }
      if (got === null) {
        again.push(i);
        continue;
      }
      const { table, top } = got;
      if (cache) cache.fill(specs[i], table, cachedIds!);
      if (unchanged) {
        // Nothing new: these are the values the cached steps were detected on.
        results[i] = trendFromTable(prepared, { metric: specs[i] }, table, cache!.steps(specs[i]));
        kept.push({ i, table, top });
      } else {
        // Steps are detected on the other thread while the next metrics are read and built
        // (the main thread is the build's critical path); each metric goes into the cache,
        // in the metrics' order, once its steps are in.
        const result = (results[i] = trendBeforeDetection(prepared, { metric: specs[i] }, table));
        const detected = detection!.attach(result.series, result.detection.scale, result.detection.minEffect);
        detected.catch(() => undefined);
        added = added.then(() => detected).then(() => writer.add(specs[i], stamps[i], table, top, stepsOf(result)));
        // (Thrown where it is awaited, below, not reported as unhandled if the build stops first.)
        added.catch(() => undefined);
      }
      // A cold build's queried values are garbage now: collected before they pile up.
      if (fresh === null) collectGarbageAfter(GARBAGE_BYTES);
    }
  } catch (err) {
    // The query under way finishes before the error goes up (and the store is closed).
    await next.catch(() => undefined);
    await detection?.close();
    throw err;
  }
  await added;
  await detection?.close();
  if (again.length > 0) {
    for (const k of kept) writer.add(specs[k.i], stamps[k.i], k.table, k.top, stepsOf(results[k.i]));
    kept.length = 0;
    await units.all();
    for (const i of again) {
      const { query } = resolveRequest({ metric: specs[i] });
      const top = query.kind === 'catalog' && query.top ? (await chooseTop(conn, query, null))! : undefined;
      const table = ValueTable.of(await queryMetric(conn, query, prepared.mode, top?.top), prepared.points.length);
      results[i] = trendFromTable(prepared, { metric: specs[i] }, table);
      writer.add(specs[i], stamps[i], table, top, stepsOf(results[i]));
    }
  }
  await releaseUnits(conn);
  if (unchanged && again.length === 0) cache!.rewrite(out);
  else await writer.write(out, stamp);
  const queried = fresh === null ? prepared.points.length : fresh.length;
  return { results, points: { queried, cached: prepared.points.length - queried } };
}

const stepsOf = (r: TrendResult) => r.series.map((s) => s.steps);

interface Top {
  candidates: Array<[string, number]>;
  top: string[];
}

/**
 * A top-N metric's parts over every point: the new points' candidate scores (from the
 * units selected now) added to the cached points' (ranked as mix-top.sql ranks them:
 * score descending, then name). Null when the cache's top N is not the top N now, or a
 * score is not a number: then the metric is queried over every point.
 */
async function chooseTop(conn: DuckDBConnection, query: CatalogQuery, cached: { candidates?: Array<[string, number]>; top?: string[] } | null): Promise<Top | null> {
  const n = query.top!.n;
  const scored = await queryTopCandidates(conn, query);
  if (!cached) return { candidates: scored, top: scored.slice(0, n).map(([name]) => name) };
  const sums = new Map(cached.candidates ?? []);
  for (const [name, score] of scored) sums.set(name, (sums.get(name) ?? 0) + score);
  const candidates = [...sums];
  if (candidates.some(([, s]) => !Number.isFinite(s))) return null;
  candidates.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = candidates.slice(0, n).map(([name]) => name);
  const before = cached.top ?? [];
  return top.length === before.length && top.every((t, i) => t === before[i]) ? { candidates, top } : null;
}

/** The prepared selection's units: every point's runs, or only some points' (the ones not cached). */
class Units {
  private narrowed = false;

  constructor(private readonly conn: DuckDBConnection, private readonly prepared: PreparedTrend) {}

  async only(pointIds: readonly number[]): Promise<void> {
    await runSqlFile(this.conn, 'pipeline/site/sql/trend-keep-points.sql', { points: listValue([...pointIds]) });
    this.narrowed = true;
    await prepareUnits(this.conn, this.prepared.mode, { keep: true });
  }

  async all(): Promise<void> {
    if (this.narrowed) await runSqlFile(this.conn, 'pipeline/site/sql/trend-all-points.sql');
    this.narrowed = false;
    await prepareUnits(this.conn, this.prepared.mode, { keep: true });
  }
}
