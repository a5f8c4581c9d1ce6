/**
 * The run list, RUNS_PER_PAGE runs a page (runs.html, runs-2.html, …, each ~300 kB):
 * sortable and filterable within the page, each run linking to its report page.
 */
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { href, runPage, runsListPage, RUNS_PER_PAGE } from './paths.js';
import type { StoredRun } from '../runs/read-runs.js';

const COLUMNS = ['Run', 'Commit date', 'Fork', 'Ref', 'Commit', 'Version', 'Machine', 'Benchmark', 'Flags', 'Files'] as const;
/** Columns sorted as numbers by the page's script. */
const NUMERIC = new Set(['Run', 'Files']);

/** Every page of the run list: [path, html]. */
export function renderRunsPages(runs: readonly StoredRun[]): Array<[string, string]> {
  const count = Math.max(1, Math.ceil(runs.length / RUNS_PER_PAGE));
  const out: Array<[string, string]> = [];
  for (let n = 1; n <= count; n++) {
    const path = runsListPage(n);
    out.push([path, renderRunsPage(path, runs.slice((n - 1) * RUNS_PER_PAGE, n * RUNS_PER_PAGE), n, count, runs.length)]);
  }
  return out;
}

function pager(path: string, n: number, count: number): Html {
  if (count === 1) return html``;
  const to = (p: string) => href(path, p);
  const pages = Array.from({ length: count }, (_, i) => i + 1);
  return html`<nav class="pager" aria-label="pages">Pages: ${pages.map((i) => (i === n ? html`<b>${i}</b> ` : html`<a href="${to(runsListPage(i))}">${i}</a> `))}</nav>`;
}

function renderRunsPage(path: string, runs: readonly StoredRun[], n: number, count: number, total: number): string {
  const to = (p: string) => href(path, p);
  const first = (n - 1) * RUNS_PER_PAGE + 1;
  const body = html`<h1>Runs${count > 1 ? ` (page ${n} of ${count})` : ''}</h1>
<p class="meta">${total} runs${count > 1 ? `, ${first}\u2013${first + runs.length - 1} on this page` : ''}. Click a column to sort; type to filter. Each run links to its report (<code>pystats report RUN</code>).</p>
${pager(path, n, count)}
<p><label>Filter <input type="search" id="runs-filter" placeholder="fork, commit, benchmark, flags\u2026"></label></p>
<table class="runs sortable" id="runs">
<thead><tr>${COLUMNS.map((c) => html`<th data-type="${NUMERIC.has(c) ? 'number' : 'text'}">${c}</th>`)}</tr></thead>
<tbody>
${runs.map((r) => html`<tr><td><a href="${to(runPage(r.runId))}">${r.runId}</a></td><td>${r.commitDate ?? ''}</td><td>${r.fork ?? ''}</td><td>${r.ref ?? ''}</td><td><code>${r.commitHash ?? ''}</code></td><td>${r.pythonVersion ?? ''}</td><td>${r.machine ?? ''}</td><td>${r.benchmark ?? ''}</td><td>${r.flags ?? ''}</td><td>${r.nFiles}</td></tr>\n`)}</tbody>
</table>
${pager(path, n, count)}`;
  return page({ path, title: 'runs', script: true }, body);
}
