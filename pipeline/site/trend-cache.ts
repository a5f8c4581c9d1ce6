/**
 * The site's trend cache (issue 19): every point's values of every metric, kept in the
 * site's folder (TREND_CACHE_DIR, files the site writer owns and checks like any other),
 * so that a rebuild queries only the points it has not seen. A point's values are a
 * function of its runs' counters and of what the cache's stamp covers (pystats' version,
 * the metrics' SQL, the instruction families, the bundled tables), so a point is named by
 * its runs' content hashes and versions, not by run ids.
 *
 * The one metric whose values depend on other points, the instruction mix (its lines are
 * the top N over the whole trend), keeps its candidates' scores summed over the cached
 * points; a rebuild adds the new points' scores (site-trends.ts), and recomputes the mix
 * over every point when its top N changes.
 *
 * Stored as gzipped JSON (numbers as JSON writes them, which read back to the same double;
 * exact sums as decimal text) cut into parts of at most PART_BYTES.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createGzip, gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../package-root.js';
import { runSqlFile } from '../sql-file.js';
import { versionMetadata } from '../../schemas/versions/index.js';
import type { MetricQuery, PointValue } from '../trend/metrics/trend-query.js';
import type { PreparedTrend } from '../trend/run-trend.js';
import type { SiteWriter } from './site-writer.js';

export const TREND_CACHE_DIR = 'pystats-site-trends';
const FORMAT = 1;
const PART_BYTES = 1 << 20;
const METRICS_SQL = 'pipeline/trend/metrics';

/** A point's rows, flat: part index, present (0/1), value ('-0' for -0), exact sum (decimal text), units; per row. */
type Rows = Array<string | number | null>;

export interface CachedMetric {
  /** What this metric's values also depend on (metricStamp), when anything. */
  stamp?: string;
  parts: string[];
  /** Per cached point, in TrendCacheData.points' order. */
  rows: Rows[];
  /** A metric with CatalogQuery.top: every candidate's score over the cached points, and the top chosen. */
  candidates?: Array<[string, number]>;
  top?: string[];
}

interface TrendCacheData {
  format: number;
  stamp: string;
  points: string[];
  metrics: Record<string, CachedMetric>;
}

const partPath = (i: number) => `${TREND_CACHE_DIR}/${i + 1}.json.gz`;

/** What the cache's values depend on besides the runs: a cache made under another stamp is not read. */
export async function trendCacheStamp(conn: DuckDBConnection, prepared: PreparedTrend, specs: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version?: string };
  h.update(JSON.stringify({
    format: FORMAT, version: pkg.version ?? '', by: prepared.by, x: prepared.x, mode: prepared.mode, specs,
    opnames312: versionMetadata('3.12').opnames ?? [],
  }));
  for (const file of readdirSync(fromRoot(METRICS_SQL)).filter((f) => f.endsWith('.sql')).sort()) {
    h.update(`\n${file}\n`).update(readFileSync(fromRoot(METRICS_SQL, file)));
  }
  for (const row of await runSqlFile(conn, 'pipeline/site/sql/trend-cache-inputs.sql')) h.update(`\n${JSON.stringify(row)}`);
  return h.digest('hex').slice(0, 32);
}

/**
 * What one metric's values depend on beyond the cache's stamp: a family metric's
 * instructions (new runs may bring new instructions into the family); else ''.
 */
export async function metricStamp(conn: DuckDBConnection, query: MetricQuery): Promise<string> {
  if (query.kind !== 'catalog' || !query.needsFamilies) return '';
  const names = await runSqlFile(conn, 'pipeline/site/sql/trend-family-names.sql', { family: query.params.name ?? null });
  return createHash('sha256').update(JSON.stringify(names)).digest('hex').slice(0, 32);
}

/** Each point's name (by pointId): its runs' content hashes and versions. */
export async function pointKeys(conn: DuckDBConnection, prepared: PreparedTrend): Promise<string[]> {
  const hashes = new Map<number, string>();
  for (const [id, hash] of await runSqlFile(conn, 'pipeline/site/sql/trend-run-hashes.sql')) hashes.set(Number(id), String(hash));
  const versions = new Map(prepared.runs.map((r) => [r.runId, r.pythonVersion]));
  return prepared.points.map((p) => createHash('sha256')
    .update(JSON.stringify(p.runIds.map((id) => [hashes.get(id) ?? `run ${id}`, versions.get(id) ?? null])))
    .digest('base64').slice(0, 22));
}

export class TrendCache {
  private readonly at: Map<string, number>;

  constructor(readonly data: TrendCacheData) {
    this.at = new Map(data.points.map((k, i) => [k, i]));
  }

  get points(): readonly string[] {
    return this.data.points;
  }

  has(pointKey: string): boolean {
    return this.at.has(pointKey);
  }

  metric(spec: string): CachedMetric | null {
    return Object.hasOwn(this.data.metrics, spec) ? this.data.metrics[spec] : null;
  }

  /** A cached point's values of one metric, as queryMetric gave them, under the point's id now. */
  values(spec: string, pointKey: string, pointId: number, out: PointValue[]): void {
    const m = this.metric(spec);
    const i = this.at.get(pointKey);
    if (!m || i === undefined) throw new Error(`trend cache: no ${spec} values for a point it holds`);
    const rows = m.rows[i];
    for (let r = 0; r < rows.length; r += 5) {
      const present = rows[r + 1] === 1;
      out.push({
        pointId, part: m.parts[rows[r] as number], present, value: rows[r + 2] === '-0' ? -0 : (rows[r + 2] as number | null),
        exact: rows[r + 3] === null ? null : BigInt(rows[r + 3] as string),
        min: null, median: null, max: null, units: rows[r + 4] as number,
      });
    }
  }
}

/** The previous build's cache, if it was made under this stamp and is still as written. */
export function readTrendCache(out: SiteWriter, stamp: string): TrendCache | null {
  const parts: Buffer[] = [];
  for (let i = 0; ; i++) {
    const bytes = out.readPrevious(partPath(i));
    if (!bytes) break;
    parts.push(bytes);
  }
  if (parts.length === 0) return null;
  try {
    const data = JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as TrendCacheData;
    return data.format === FORMAT && data.stamp === stamp && Array.isArray(data.points) ? new TrendCache(data) : null;
  } catch {
    // A cache that does not read back is only a slower build.
    return null;
  }
}

/**
 * The cache of this build, one metric at a time (their values need not be kept until the
 * end): each metric kept as its JSON text, a fraction of the memory of its rows as values
 * (every point's array, every exact sum's text), which would stay live until the end.
 */
export class TrendCacheWriter {
  /** Each metric's JSON text, by spec (in the order first added, as an object's keys). */
  private readonly metrics = new Map<string, string>();

  constructor(private readonly points: readonly string[]) {}

  add(spec: string, stamp: string, values: readonly PointValue[], top?: { candidates: Array<[string, number]>; top: string[] }): void {
    const parts: string[] = [];
    const partIndex = new Map<string, number>();
    const rows: Rows[] = this.points.map(() => []);
    for (const v of values) {
      let pi = partIndex.get(v.part);
      if (pi === undefined) {
        pi = parts.push(v.part) - 1;
        partIndex.set(v.part, pi);
      }
      // JSON writes -0 as 0: kept as text, so a cached value is the same double.
      rows[v.pointId].push(pi, v.present ? 1 : 0, Object.is(v.value, -0) ? '-0' : v.value, v.exact === null ? null : v.exact.toString(), v.units);
    }
    const metric: CachedMetric = { ...(stamp ? { stamp } : {}), parts, rows, ...(top ? { candidates: top.candidates, top: top.top } : {}) };
    this.metrics.set(spec, JSON.stringify(metric));
  }

  /**
   * Compressed a metric at a time, as gzipSync would the whole text (deflate's output does
   * not depend on how its input is cut): the whole text and its bytes are never held at once.
   */
  async write(out: SiteWriter, stamp: string): Promise<void> {
    // The text JSON.stringify gives the whole TrendCacheData (its members in this order).
    const head = JSON.stringify({ format: FORMAT, stamp, points: this.points });
    const gz = createGzip({ level: 6 });
    const chunks: Buffer[] = [];
    gz.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve, reject) => gz.on('end', resolve).on('error', reject));
    const put = async (text: string) => {
      if (!gz.write(text)) await new Promise((resolve) => gz.once('drain', resolve));
    };
    await put(`${head.slice(0, -1)},"metrics":{`);
    let first = true;
    for (const [spec, text] of this.metrics) {
      await put(`${first ? '' : ','}${JSON.stringify(spec)}:${text}`);
      this.metrics.delete(spec);
      first = false;
    }
    gz.end('}}');
    await ended;
    const bytes = Buffer.concat(chunks);
    for (let i = 0; i * PART_BYTES < bytes.length; i++) out.write(partPath(i), bytes.subarray(i * PART_BYTES, (i + 1) * PART_BYTES));
  }
}
