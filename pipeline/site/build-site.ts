/**
 * `pystats site`: the static site of a store, a function of its DuckDB connection only.
 *
 *   index.html            every series with a small chart per metric and its steps
 *   runs.html             the run list
 *   metrics/<metric>.html one interactive chart, the steps, the trend table
 *   runs/<run_id>.html    a run's report, rendered in the browser from
 *   runs/data/            the runs' data scripts (run-data.ts)
 *   compare/<b>-vs-<h>.html  the comparison of the points around a step
 *   assets/               stylesheet, scripts (the report renderer's bundle), Vega bundles
 *
 * Every link is relative, every asset local: the site works from file:// and any host.
 * Rebuilding into the same folder removes the pages and data of runs no longer selected.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { copyAssets } from './assets.js';
import { renderIndex } from './index-page.js';
import { renderMetricPage } from './metric-page.js';
import { renderRunsPage } from './runs-page.js';
import { renderComparisonPage, renderRunPage } from './report-pages.js';
import { INDEX_PAGE, RUNS_PAGE, runPage } from './paths.js';
import { readSiteModel, type SiteRequest } from './site-model.js';
import { writeRunData } from './run-data.js';
import type { StoredRun } from '../runs/read-runs.js';

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
  /** Seconds spent: reading the trends, writing trend pages, writing the runs' data, writing report pages. */
  seconds: { trends: number; trendPages: number; runData: number; reportPages: number };
}

/** Subfolders of pages: a page in them that this build did not write is removed. */
const OWN_DIRS = ['metrics', 'runs', 'compare'];
const OWN_FILES = /\.(html|js)$/;

export async function buildSite(conn: DuckDBConnection, outDir: string, opts: SiteOptions): Promise<SiteSummary> {
  const t0 = performance.now();
  const model = await readSiteModel(conn, opts);
  const t1 = performance.now();
  mkdirSync(outDir, { recursive: true });
  copyAssets(outDir);
  const written = new Set<string>();
  const write = (path: string, text: string) => {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.add(path);
  };
  write(INDEX_PAGE, renderIndex(model, opts.generated));
  for (const m of model.metrics) write(m.page, renderMetricPage(m, model.steps));
  write(RUNS_PAGE, renderRunsPage(model.runs));
  const t2 = performance.now();
  const data = await writeRunData(conn, model.runs, write);
  const dateOf = (head: number[]) => opts.date ?? data.get(head[0])?.ingestedDay ?? '';
  const t3 = performance.now();
  const siblings = siblingsByCommit(model.runs);
  for (const run of model.runs) {
    const own = (siblings.get(commitOf(run)) ?? []).filter((o) => o !== run);
    write(runPage(run.runId), renderRunPage(run, own, dateOf([run.runId]), data));
  }
  const byId = new Map(model.runs.map((r) => [r.runId, r]));
  const side = (ids: number[]) => ids.map((id) => {
    const run = byId.get(id);
    if (!run) throw new Error(`run ${id} is in a trend but not in the run list`);
    return run;
  });
  for (const c of model.comparisons) write(c.page, renderComparisonPage(c.page, side(c.base), side(c.head), dateOf(c.head), data));
  removeUnwritten(outDir, written);
  const t4 = performance.now();
  return {
    runs: model.runs.length, metrics: model.metrics.length,
    series: new Set(model.metrics.flatMap((m) => m.result.series.map((s) => s.key))).size,
    steps: model.steps.length, comparisons: model.comparisons.length,
    pages: [...written].filter((p) => p.endsWith('.html')).length,
    seconds: { trends: (t1 - t0) / 1e3, trendPages: (t2 - t1) / 1e3, runData: (t3 - t2) / 1e3, reportPages: (t4 - t3) / 1e3 },
  };
}

function removeUnwritten(outDir: string, written: ReadonlySet<string>): void {
  for (const d of OWN_DIRS) {
    const dir = join(outDir, d);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const path = `${d}/${f.split('\\').join('/')}`;
      if (!written.has(path) && OWN_FILES.test(path)) rmSync(join(outDir, path));
    }
  }
}

function commitOf(r: StoredRun): string {
  return JSON.stringify([r.commitHash, r.fork ?? '', r.flags ?? '']);
}

/** The per-benchmark runs of each commit (fork, flags): the pages an aggregated report links to. */
function siblingsByCommit(runs: readonly StoredRun[]): Map<string, StoredRun[]> {
  const map = new Map<string, StoredRun[]>();
  for (const r of runs) {
    if (r.benchmark === 'all' || r.commitHash === null) continue;
    map.set(commitOf(r), [...(map.get(commitOf(r)) ?? []), r]);
  }
  return map;
}
