/** runs.html: every selected run, sortable and filterable, each linking to its report page. */
import { html } from './html.js';
import { page } from './layout.js';
import { href, RUNS_PAGE, runPage } from './paths.js';
import type { StoredRun } from '../runs/read-runs.js';

const COLUMNS = ['Run', 'Commit date', 'Fork', 'Ref', 'Commit', 'Version', 'Machine', 'Benchmark', 'Flags', 'Files'] as const;
/** Columns sorted as numbers by the page's script. */
const NUMERIC = new Set(['Run', 'Files']);

export function renderRunsPage(runs: readonly StoredRun[]): string {
  const to = (p: string) => href(RUNS_PAGE, p);
  const body = html`<h1>Runs</h1>
<p class="meta">${runs.length} runs. Click a column to sort; type to filter. Each run links to its report (<code>pystats report RUN</code>).</p>
<p><label>Filter <input type="search" id="runs-filter" placeholder="fork, commit, benchmark, flags\u2026"></label></p>
<table class="runs sortable" id="runs">
<thead><tr>${COLUMNS.map((c) => html`<th data-type="${NUMERIC.has(c) ? 'number' : 'text'}">${c}</th>`)}</tr></thead>
<tbody>
${runs.map((r) => html`<tr><td><a href="${to(runPage(r.runId))}">${r.runId}</a></td><td>${r.commitDate ?? ''}</td><td>${r.fork ?? ''}</td><td>${r.ref ?? ''}</td><td><code>${r.commitHash ?? ''}</code></td><td>${r.pythonVersion ?? ''}</td><td>${r.machine ?? ''}</td><td>${r.benchmark ?? ''}</td><td>${r.flags ?? ''}</td><td>${r.nFiles}</td></tr>\n`)}</tbody>
</table>`;
  return page({ path: RUNS_PAGE, title: 'runs', script: true }, body);
}
