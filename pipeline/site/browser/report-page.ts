/**
 * The browser side of a report page (bundled by build.mjs into dist/site/report.js, copied
 * into the site's assets): renders the run's report, or the comparison, from the data
 * scripts the page loaded, with the same renderer `pystats report` runs, then the same
 * Markdown → HTML conversion the site used to run at build time.
 *
 * The page says what to render on its #report element: data-kind ("run" or "comparison"),
 * data-head and data-base (run ids, comma-separated: a side sums its runs), data-date (the
 * "Stats gathered on" date) and data-links ([href suffix, page] pairs for the links line).
 * The exact Markdown goes into #report-markdown.
 */
import { renderComparison, renderReport, ReportDataError } from '../../report/index.js';
import { markdownToHtml } from '../markdown.js';
import { DATA_GLOBAL, runStatsOf, summedStats, type SiteData } from '../report-data.js';

export interface ReportRequest {
  kind: 'run' | 'comparison';
  base: number[];
  head: number[];
  date: string;
}

/** The report's exact Markdown, from the loaded data scripts. */
export function reportMarkdown(req: ReportRequest, data: SiteData = dataOf()): string {
  const first = data.runs[req.head[0]];
  if (!first) throw new Error(`the data of run ${req.head[0]} is not loaded`);
  if (req.kind === 'run') {
    return first.header + renderReport(runStatsOf(data, req.head[0]), { date: req.date, pythonVersion: first.pythonVersion });
  }
  const side = (runIds: number[]) => summedStats(runIds.map((id) => runStatsOf(data, id)));
  return renderComparison(side(req.base), side(req.head), { date: req.date, pythonVersion: first.pythonVersion });
}

function dataOf(): SiteData {
  return (self as unknown as Record<string, SiteData>)[DATA_GLOBAL];
}

function requestOf(el: HTMLElement): ReportRequest {
  const ids = (attr: string | undefined) => (attr ?? '').split(',').filter(Boolean).map(Number);
  return { kind: el.dataset.kind === 'run' ? 'run' : 'comparison', base: ids(el.dataset.base), head: ids(el.dataset.head), date: el.dataset.date ?? '' };
}

function render(): void {
  const el = document.getElementById('report');
  if (!el) return;
  const links = JSON.parse(el.dataset.links ?? '[]') as Array<[string, string]>;
  const link = (target: string) => links.find(([suffix]) => target.endsWith(suffix))?.[1] ?? null;
  let markdown: string;
  try {
    markdown = reportMarkdown(requestOf(el));
  } catch (err) {
    if (!(err instanceof ReportDataError)) throw err;
    // summarize_stats.py fails on such data too: say why, as text.
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `No report: ${err.message}`;
    el.replaceChildren(p);
    el.dataset.rendered = 'error';
    return;
  }
  el.innerHTML = markdownToHtml(markdown, link);
  const source = document.getElementById('report-markdown');
  if (source) source.textContent = markdown;
  el.dataset.rendered = 'true';
}

document.addEventListener('DOMContentLoaded', render);
// The renderer on its own, for any run whose data scripts are loaded (the tests compare
// every run's Markdown with `pystats report` through it without laying out every page).
(self as unknown as Record<string, unknown>).PYSTATS_REPORT = { reportMarkdown };
