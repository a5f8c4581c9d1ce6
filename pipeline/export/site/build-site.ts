/**
 * `pystats site`: the static site of a store, a function of its DuckDB connection only.
 *
 *   index.html            every series with a small chart per metric and its steps
 *   runs.html             the run list
 *   metrics/<metric>.html one interactive chart, the steps, the trend table
 *   runs/<run_id>.html    a run's report
 *   compare/<b>-vs-<h>.html  the comparison of the points around a step
 *   assets/               stylesheet, script, Vega bundles
 *
 * Every link is relative, every asset local: the site works from file:// and any host.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { copyAssets } from './assets.js';
import { renderIndex } from './index-page.js';
import { renderMetricPage } from './metric-page.js';
import { renderRunsPage } from './runs-page.js';
import { renderComparisonPage, renderRunPage } from './report-pages.js';
import { INDEX_PAGE, RUNS_PAGE, runPage } from './paths.js';
import { readSiteModel, type SiteRequest } from './site-model.js';
import type { StoredReportOptions } from '../stored-report.js';

export interface SiteOptions extends SiteRequest {
  /** The reports' "Stats gathered on" date (YYYY-MM-DD), as `pystats report --date`. */
  date: string;
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
  /** Seconds spent: reading the trends, writing trend pages, writing report pages. */
  seconds: { trends: number; trendPages: number; reports: number };
}

/** Subfolders the site owns: emptied first, so a page of a run no longer selected does not linger. */
const OWN_DIRS = ['metrics', 'runs', 'compare', 'assets'];

export async function buildSite(conn: DuckDBConnection, outDir: string, opts: SiteOptions): Promise<SiteSummary> {
  const t0 = performance.now();
  const model = await readSiteModel(conn, opts);
  const t1 = performance.now();
  for (const d of OWN_DIRS) rmSync(join(outDir, d), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  copyAssets(outDir);
  let pages = 0;
  const write = (path: string, text: string) => {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    pages++;
  };
  write(INDEX_PAGE, renderIndex(model, opts.generated));
  for (const m of model.metrics) write(m.page, renderMetricPage(m, model.steps));
  write(RUNS_PAGE, renderRunsPage(model.runs));
  const t2 = performance.now();
  const report: StoredReportOptions = { date: opts.date };
  for (const run of model.runs) write(runPage(run.runId), await renderRunPage(conn, run, model.runs, report));
  const byId = new Map(model.runs.map((r) => [r.runId, r]));
  for (const c of model.comparisons) {
    const side = (ids: number[]) => ids.map((id) => byId.get(id)!);
    write(c.page, await renderComparisonPage(conn, c.page, side(c.base), side(c.head), report));
  }
  const t3 = performance.now();
  return {
    runs: model.runs.length, metrics: model.metrics.length,
    series: new Set(model.metrics.flatMap((m) => m.result.series.map((s) => s.key))).size,
    steps: model.steps.length, comparisons: model.comparisons.length, pages,
    seconds: { trends: (t1 - t0) / 1e3, trendPages: (t2 - t1) / 1e3, reports: (t3 - t2) / 1e3 },
  };
}
