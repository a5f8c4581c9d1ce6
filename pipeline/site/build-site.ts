/**
 * `pystats site`: the static site of a store, a function of its DuckDB connection only.
 * Every page stays small whatever the archive (issue 19):
 *
 *   index.html              the configurations, a few headline charts each, the newest change points
 *   configs/<key>.html      a configuration (fork × flags × machine): its series, their latest values, its change points
 *   series/<key>.html       a series (configuration × benchmark): every metric's small chart, its change points
 *   metrics/<metric>.html   the interactive chart of one series at a time, the metric's newest steps
 *   data/<key>.js           a series' chart data, every metric's, loaded when a metric page shows it (chart-data.ts)
 *   runs.html, runs-N.html  the run list, 1,000 runs a page
 *   runs/<run_id>.html      a run's report, rendered in the browser from
 *   runs/data/              the runs' data scripts (run-data.ts)
 *   compare/<b>-vs-<h>.html the comparison of the points around a step
 *   assets/                 stylesheet, scripts (the report renderer's bundle), Vega bundles
 *   pystats-site.json       the manifest of every file written (site-writer.ts)
 *   pystats-site-trends/    the trend cache: every point's values, so a rebuild queries only new points (trend-cache.ts)
 *
 * Every link is relative, every asset local, data loaded by <script>: the site works from
 * file:// and any static host. A rebuild into the same folder rewrites only the files whose
 * content changed and removes only the files of its own that are gone (site-writer.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { copyAssets } from './assets.js';
import { collectGarbage } from './collect-garbage.js';
import { renderIndex } from './index-page.js';
import { renderMetricPage } from './metric-page.js';
import { renderRunsPages } from './runs-page.js';
import { renderConfigPage, renderSeriesPage } from './series-pages.js';
import { RunPages } from './report-pages.js';
import { seriesChartScript } from './chart-data.js';
import { INDEX_PAGE } from './paths.js';
import { readSiteModel, type SiteModel, type SiteRequest, type SiteStep } from './site-model.js';
import { siteSeries } from './site-series.js';
import { RunDataReview, writeRunData } from './run-data.js';
import { listRuns, type StoredRun } from '../runs/read-runs.js';
import { SiteWriter, type WriteCounts } from './site-writer.js';

export interface SiteOptions extends SiteRequest {
  /**
   * The reports' "Stats gathered on" date (YYYY-MM-DD), as `pystats report --date`; null:
   * the day each run (a comparison's head) was ingested, so a page stays the same from one
   * build to the next.
   */
  date: string | null;
  /** Shown on the index: when the site was built. */
  generated: string;
}

export interface SiteSummary {
  runs: number;
  metrics: number;
  series: number;
  steps: number;
  comparisons: number;
  pages: number;
  files: WriteCounts;
  /** Trend points queried from the store, and points the site's trend cache held (site-trends.ts). */
  trendPoints: { queried: number; cached: number };
  /** Seconds spent: reading the trends, writing trend pages and chart data, writing the runs' data, writing report pages. */
  seconds: { trends: number; trendPages: number; runData: number; reportPages: number };
}

export async function buildSite(conn: DuckDBConnection, outDir: string, opts: SiteOptions): Promise<SiteSummary> {
  const t0 = performance.now();
  // The previous build's manifest (48,000 entries at 20,000 runs) is read while DuckDB lists the runs.
  const listing = listRuns(conn, opts.filters);
  let out: SiteWriter;
  try {
    out = new SiteWriter(outDir);
  } catch (err) {
    // The query is let finish before the store is closed.
    await listing.catch(() => undefined);
    throw err;
  }
  const runs = await listing;
  // Which runs' data scripts can stay is looked over while the trends wait on DuckDB
  // (it asks DuckDB nothing once started; a rebuild's main thread was idle a fifth of its time there).
  const review = await RunDataReview.start(conn, runs, out);
  const runPages = new RunPages(out, runs, opts.date);
  // Then the report pages of the runs whose data stays.
  const reviewed = review.lookOver().then(() => runPages.keep(review.written));
  // (Its failure, a folder of the site that cannot be read, is thrown where it is awaited.)
  reviewed.catch(() => undefined);
  // The trends' model (hundreds of MB at archive scale) is out of reach once its pages are
  // written: the run data and report pages need only the runs and comparisons, so the
  // heap they grow into is the one the trends leave, not more (issue 19: peak RSS).
  const trends = await writeTrendPages(conn, out, opts, runs);
  const { comparisons, t1 } = trends;
  // The trends' model is garbage now (collect-garbage.ts).
  collectGarbage();
  const t2 = performance.now();
  await reviewed;
  const data = await writeRunData(conn, review, out);
  const t3 = performance.now();
  runPages.write(data);
  const pages = trends.pages + runPages.writeComparisons(comparisons, data);
  out.finish();
  const t4 = performance.now();
  return {
    runs: runs.length, metrics: trends.metrics, series: trends.series,
    steps: trends.steps, comparisons: comparisons.length, pages, files: out.counts, trendPoints: trends.trendPoints,
    seconds: { trends: (t1 - t0) / 1e3, trendPages: (t2 - t1) / 1e3, runData: (t3 - t2) / 1e3, reportPages: (t4 - t3) / 1e3 },
  };
}

interface TrendPagesWritten extends Pick<SiteModel, 'comparisons' | 'trendPoints'> {
  metrics: number;
  series: number;
  steps: number;
  pages: number;
  /** When the model was read (the pages were written after). */
  t1: number;
}

/** Reads the model and writes every page made from the trends; keeps only what the rest of the build needs. */
async function writeTrendPages(conn: DuckDBConnection, out: SiteWriter, opts: SiteOptions, runs: StoredRun[]): Promise<TrendPagesWritten> {
  const model = await readSiteModel(conn, opts, out, runs);
  const t1 = performance.now();
  copyAssets(out);
  const { series, configs } = siteSeries(model);
  const stepsBy = <K>(key: (st: SiteStep) => K) => {
    const map = new Map<K, SiteStep[]>();
    for (const st of model.steps) {
      const list = map.get(key(st));
      if (list) list.push(st);
      else map.set(key(st), [st]);
    }
    return map;
  };
  const bySeries = stepsBy((st) => st.series.key);
  const byMetric = stepsBy((st) => st.metric);
  const byConfig = stepsBy((st) => series.get(st.series.key)?.config);
  let pages = 0;
  // On libuv's threads: these files are mostly there already, and renaming a new one over
  // an old one makes ext4 allocate its blocks there and then (about 0.4 ms a file).
  const page = async (path: string, text: string) => {
    await out.writeSoon(path, text);
    pages++;
  };
  await page(INDEX_PAGE, renderIndex(model, configs, series, opts.generated));
  for (const c of configs) await page(c.page, renderConfigPage(model, c, series, byConfig.get(c) ?? []));
  for (const s of series.values()) await page(s.page, renderSeriesPage(model, s, bySeries.get(s.key) ?? []));
  for (const m of model.metrics) await page(m.page, renderMetricPage(m, byMetric.get(m) ?? [], configs, series));
  for (const key of series.keys()) {
    const { path, text } = seriesChartScript(model.metrics, key);
    await out.writeSoon(path, text);
  }
  for (const [path, text] of renderRunsPages(model.runs)) await page(path, text);
  await out.settle();
  return {
    comparisons: model.comparisons, trendPoints: model.trendPoints,
    metrics: model.metrics.length, series: series.size, steps: model.steps.length, pages, t1,
  };
}
