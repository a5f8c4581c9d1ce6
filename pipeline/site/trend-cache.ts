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
 * Stored as gzipped JSON cut into parts of at most PART_BYTES, each metric's values in
 * columns per part, as the build holds them (value-table.ts): a few arrays per part, not
 * an array per point, so that reading them back makes few objects (CachedPart).
 */
import { createHash, hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createGzip, gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../package-root.js';
import { runJsonSqlFile, runSqlFile } from '../sql-file.js';
import { versionMetadata } from '../../schemas/versions/index.js';
import type { MetricQuery } from '../trend/metrics/trend-query.js';
import { HAS_VALUE, type ValueTable } from '../trend/value-table.js';
import type { Step } from '../trend/detect/detect.js';
import type { PreparedTrend } from '../trend/run-trend.js';
import type { SiteWriter } from './site-writer.js';

export const TREND_CACHE_DIR = 'pystats-site-trends';
const FORMAT = 2;
/** A flag beside value-table.ts' own: the exact sum is the value (a safe integer), not written out. */
const EXACT_IS_VALUE = 16;
const PART_BYTES = 1 << 20;
const METRICS_SQL = 'pipeline/trend/metrics';
const DETECTOR_SOURCES = ['detect.ts', 'pair-search.ts', 'stats.ts'].map((f) => `pipeline/trend/detect/${f}`).concat('pipeline/trend/run-trend.ts');

/** One part's values over the cached points, in TrendCacheData.points' order. */
interface CachedPart {
  /** Per point, its flags (value-table.ts, and EXACT_IS_VALUE) as one character, 48 + flags. */
  f: string;
  /** Per point, its value (0 when none: see f); JSON writes -0 as 0, so those points are listed in z. */
  v: number[];
  z?: number[];
  /** Per point, its units. */
  u: number[];
  /** The exact sums not equal to their value: [point index, decimal text]. */
  x?: Array<[number, string]>;
  /** File mode's spread (min, median, max per point), when any point has one. */
  s?: Array<Array<number | null>>;
}

export interface CachedMetric {
  /** What this metric's values also depend on (metricStamp), when anything. */
  stamp?: string;
  parts: string[];
  /** Parallel to parts. */
  cols: CachedPart[];
  /** A metric with CatalogQuery.top: every candidate's score over the cached points, and the top chosen. */
  candidates?: Array<[string, number]>;
  top?: string[];
  /**
   * The steps detected on these values, by series (in the order trendFromTable makes
   * them), each [index, before, after, size, relative, confidence] (numbers JSON does not
   * write back, -0 and non-finite ones, as text): a rebuild with nothing new reuses them.
   */
  steps?: StepRow[][];
}

type StepRow = Array<number | string | null>;

const encodeNumber = (x: number | null): number | string | null => (x === null ? null : Object.is(x, -0) || !Number.isFinite(x) ? String(x === 0 ? '-0' : x) : x);
const decodeNumber = (x: unknown): number | null => (x === null ? null : typeof x === 'string' ? Number(x) : (x as number));

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
  // The steps it keeps are the detector's: its sources too, where they are.
  for (const file of DETECTOR_SOURCES) {
    try {
      h.update(`\n${file}\n`).update(readFileSync(fromRoot(file)));
    } catch {
      // Not shipped (a build without sources): the version above stands for them.
    }
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
  for (const [id, hash] of await runJsonSqlFile(conn, 'pipeline/site/sql/trend-run-hashes.sql')) hashes.set(Number(id), String(hash));
  const versions = new Map(prepared.runs.map((r) => [r.runId, r.pythonVersion]));
  // One-shot hashing: a Hash object per point costs more than its digest (20,000 points).
  return prepared.points.map((p) => hash('sha256', JSON.stringify(p.runIds.map((id) => [hashes.get(id) ?? `run ${id}`, versions.get(id) ?? null])), 'base64').slice(0, 22));
}

export class TrendCache {
  private readonly at: Map<string, number>;

  /** `bytes`: the parts as read, which rewrite() writes again. */
  constructor(readonly data: TrendCacheData, private readonly bytes: readonly Buffer[] = []) {
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

  /** The steps detected on a metric's cached values, by series; null when not kept or not as written. */
  steps(spec: string): Step[][] | null {
    const rows = this.metric(spec)?.steps;
    if (!Array.isArray(rows)) return null;
    const out: Step[][] = [];
    for (const series of rows) {
      if (!Array.isArray(series)) return null;
      const steps: Step[] = [];
      for (const r of series) {
        if (!Array.isArray(r) || r.length !== 6 || !Number.isInteger(r[0]) || (r[0] as number) < 0) return null;
        steps.push({
          index: r[0] as number, before: decodeNumber(r[1])!, after: decodeNumber(r[2])!, size: decodeNumber(r[3])!,
          relative: decodeNumber(r[4]), confidence: decodeNumber(r[5])!,
        });
      }
      out.push(steps);
    }
    return out;
  }

  /** Writes this cache again as it was read (a rebuild with nothing new would write the same). */
  rewrite(out: SiteWriter): void {
    this.bytes.forEach((b, i) => out.write(partPath(i), b));
  }

  /**
   * Puts one metric's cached values into `table`, each point under its id now
   * (`pointIds`: by the cache's point index; every point it holds is a point now).
   */
  fill(spec: string, table: ValueTable, pointIds: Int32Array): void {
    const m = this.metric(spec);
    if (!m || !Array.isArray(m.cols) || m.cols.length !== m.parts.length) throw new Error(`trend cache: no ${spec} values`);
    const n = this.data.points.length;
    m.parts.forEach((part, j) => {
      const c = m.cols[j];
      const col = table.part(part);
      if (c.f.length !== n || c.v.length !== n || c.u.length !== n) throw new Error(`trend cache: ${spec} holds another number of points`);
      for (let i = 0; i < n; i++) {
        const code = c.f.charCodeAt(i) - 48;
        if (code === 0) continue;
        const id = pointIds[i];
        col.flags[id] = code & ~EXACT_IS_VALUE;
        col.value[id] = c.v[i];
        col.units[id] = c.u[i];
        if (code & EXACT_IS_VALUE) col.exact[id] = BigInt(c.v[i]);
      }
      for (const i of c.z ?? []) col.value[pointIds[i]] = -0;
      for (const [i, text] of c.x ?? []) col.exact[pointIds[i]] = BigInt(text);
      if (c.s) {
        const [min, median, max] = c.s;
        col.spread ??= { min: new Array(table.size).fill(null), median: new Array(table.size).fill(null), max: new Array(table.size).fill(null) };
        for (let i = 0; i < n; i++) {
          col.spread.min[pointIds[i]] = min[i];
          col.spread.median[pointIds[i]] = median[i];
          col.spread.max[pointIds[i]] = max[i];
        }
      }
    });
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
    return data.format === FORMAT && data.stamp === stamp && Array.isArray(data.points) ? new TrendCache(data, parts) : null;
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

  /** One metric's values (`table`: by point id, parallel to the points given). */
  add(spec: string, stamp: string, table: ValueTable, top: { candidates: Array<[string, number]>; top: string[] } | undefined, steps: readonly Step[][]): void {
    const n = this.points.length;
    const parts = table.parts();
    const cols = parts.map((part): CachedPart => {
      const col = table.column(part)!;
      const flags = Buffer.allocUnsafe(n);
      const z: number[] = [];
      const x: Array<[number, string]> = [];
      for (let i = 0; i < n; i++) {
        let f = col.flags[i];
        const exact = col.exact[i];
        if (exact !== null) {
          // Equal to the value exactly: a safe integer whose double is the sum.
          if ((f & HAS_VALUE) !== 0 && Number.isSafeInteger(col.value[i]) && Number(exact) === col.value[i]) f |= EXACT_IS_VALUE;
          else x.push([i, exact.toString()]);
        }
        flags[i] = 48 + f;
        if (Object.is(col.value[i], -0)) z.push(i);
      }
      const c: CachedPart = { f: flags.toString('latin1'), v: plainArray(col.value, n), u: plainArray(col.units, n) };
      if (z.length > 0) c.z = z;
      if (x.length > 0) c.x = x;
      if (col.spread) c.s = [col.spread.min.slice(0, n), col.spread.median.slice(0, n), col.spread.max.slice(0, n)];
      return c;
    });
    const metric: CachedMetric = {
      ...(stamp ? { stamp } : {}), parts, cols, ...(top ? { candidates: top.candidates, top: top.top } : {}),
      steps: steps.map((list) => list.map((st) => [st.index, ...[st.before, st.after, st.size, st.relative, st.confidence].map(encodeNumber)])),
    };
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

/**
 * The first n values of a typed array as an array, which JSON.stringify writes as one
 * (a typed array it writes as an object). A loop, not Array.from: that walks an iterator,
 * a result object and a boxed number per value (26 metrics × 20,000 points a build).
 */
function plainArray(values: ArrayLike<number>, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = values[i];
  return out;
}
