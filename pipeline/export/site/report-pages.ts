/**
 * A run's report and a comparison of two runs (or two sums of runs), as HTML from the
 * exact Markdown `pystats report RUN [--base RUN]` prints. A run whose report cannot be
 * made (the real summarize_stats.py fails on such data too) gets a page that says why.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { html, raw, type Html } from './html.js';
import { page } from './layout.js';
import { href, RUNS_PAGE, runPage } from './paths.js';
import { markdownToHtml, type LinkMap } from './markdown.js';
import { comparisonForRuns, reportForRuns, type StoredReportOptions } from '../stored-report.js';
import { ReportDataError } from '../report/errors.js';
import type { StoredRun } from '../../query/runs.js';

function identity(r: StoredRun): string {
  return [r.fork, r.ref, r.commitHash?.slice(0, 9), r.commitDate, r.pythonVersion, r.machine, r.benchmark, r.flags || 'default']
    .filter((v) => v).join(' · ');
}

async function markdownOf(make: () => Promise<string>, link: LinkMap): Promise<Html> {
  try {
    return html`<div class="markdown">${raw(markdownToHtml(await make(), link))}</div>`;
  } catch (err) {
    if (!(err instanceof ReportDataError)) throw err;
    return html`<p class="error">No report: ${err.message}</p>`;
  }
}

/**
 * The links line of an aggregated report names bench_runner's per-benchmark files,
 * `<stem>-<benchmark>.md`: each becomes the page of that benchmark's run of the same
 * commit, fork and flags, when the store has it.
 */
function benchmarkLinks(path: string, run: StoredRun, all: readonly StoredRun[]): LinkMap {
  return (target) => {
    const sibling = all.find((o) => o !== run && o.benchmark !== 'all' && o.commitHash === run.commitHash &&
      o.fork === run.fork && (o.flags ?? '') === (run.flags ?? '') && target.endsWith(`-${encodeURIComponent(o.benchmark ?? '')}.md`));
    return sibling ? href(path, runPage(sibling.runId)) : null;
  };
}

export async function renderRunPage(
  conn: DuckDBConnection, run: StoredRun, all: readonly StoredRun[], opts: StoredReportOptions, stamp: string,
): Promise<string> {
  const path = runPage(run.runId);
  const report = await markdownOf(() => reportForRuns(conn, [run], opts), benchmarkLinks(path, run, all));
  const body = html`<h1>Run ${run.runId}</h1>
<p class="meta">${identity(run)} · ${run.nFiles} files · <a href="${href(path, RUNS_PAGE)}">all runs</a></p>
<p class="meta">The report as <code>pystats report ${run.runId} --date ${opts.date}</code> prints it.</p>
${report}`;
  return page({ path, title: `run ${run.runId}`, stamp }, body);
}

export async function renderComparisonPage(
  conn: DuckDBConnection, path: string, base: StoredRun[], head: StoredRun[], opts: StoredReportOptions, stamp: string,
): Promise<string> {
  const side = (runs: StoredRun[]) => html`${runs.map((r, i) => html`${i > 0 ? ' + ' : ''}<a href="${href(path, runPage(r.runId))}">run ${r.runId}</a>`)} <span class="meta">${identity(runs[0])}</span>`;
  const report = await markdownOf(() => comparisonForRuns(conn, base, head, opts), () => null);
  const body = html`<h1>${base[0].commitHash?.slice(0, 9) ?? `run ${base[0].runId}`} → ${head[0].commitHash?.slice(0, 9) ?? `run ${head[0].runId}`}</h1>
<dl class="sides"><dt>Base</dt><dd class="base">${side(base)}</dd><dt>Head</dt><dd class="head">${side(head)}</dd></dl>
<p class="meta">${base.length === 1 && head.length === 1
    ? html`The comparison as <code>pystats report ${head[0].runId} --base ${base[0].runId} --date ${opts.date}</code> prints it.`
    : html`The comparison of the runs summed on each side (the base is the last point before the step, the head its first point).`}</p>
${report}`;
  return page({ path, title: 'comparison', stamp }, body);
}
