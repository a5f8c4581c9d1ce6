/**
 * A run's report and a comparison of two runs (or two sums of runs). The pages are small
 * shells: the browser renders the exact Markdown `pystats report RUN [--base RUN]` prints,
 * with the same renderer (assets/report.js, browser/report-page.ts), from the runs' data
 * scripts (run-data.ts), then shows it as HTML; the Markdown itself is kept under a toggle.
 */
import { hash } from 'node:crypto';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { assetPath, href, RUNS_PAGE, runPage } from './paths.js';
import type { WrittenRun } from './run-data.js';
import type { Comparison } from './site-model.js';
import type { SiteWriter } from './site-writer.js';
import type { StoredRun } from '../runs/read-runs.js';

export const REPORT_SCRIPT = 'report.js';

function identity(r: StoredRun): string {
  return [r.fork, r.ref, r.commitHash?.slice(0, 9), r.commitDate, r.pythonVersion, r.machine, r.benchmark, r.flags || 'default']
    .filter((v) => v).join(' \u00b7 ');
}

/** The element the browser renders the report into, and the Markdown toggle under it. */
function reportShell(kind: 'run' | 'comparison', base: number[], head: number[], date: string, links: Array<[string, string]>): Html {
  // (Attributes left out when empty: a run page is one of thousands.)
  return html`<div id="report" class="markdown" data-kind="${kind}"${base.length > 0 ? html` data-base="${base.join(',')}"` : ''} data-head="${head.join(',')}" data-date="${date}"${links.length > 0 ? html` data-links="${JSON.stringify(links)}"` : ''}>
<p class="meta">Rendering the report (its script renders it; <code>pystats report</code> prints it too)\u2026</p>
</div>
<details class="source"><summary>Markdown</summary><pre id="report-markdown"></pre></details>`;
}

function scriptsFor(runs: StoredRun[], data: ReadonlyMap<number, WrittenRun>): string[] {
  const own = runs.flatMap((r) => data.get(r.runId)?.scripts ?? []);
  return [assetPath(REPORT_SCRIPT), ...new Set(own)];
}

/**
 * The links line of an aggregated report names bench_runner's per-benchmark files,
 * `<stem>-<benchmark>.md`: each becomes the page of that benchmark's run of the same
 * commit, fork and flags, when the site has it. `siblings` are those runs.
 */
function benchmarkLinks(path: string, siblings: readonly StoredRun[]): Array<[string, string]> {
  return siblings.map((o) => [`-${encodeURIComponent(o.benchmark ?? '')}.md`, href(path, runPage(o.runId))]);
}

export function renderRunPage(run: StoredRun, siblings: readonly StoredRun[], date: string, data: ReadonlyMap<number, WrittenRun>): string {
  const path = runPage(run.runId);
  const body = html`<h1>Run ${run.runId}</h1>
<p class="meta">${identity(run)} \u00b7 ${run.nFiles} files \u00b7 <a href="${href(path, RUNS_PAGE)}">all runs</a></p>
<p class="meta">The report as <code>pystats report ${run.runId} --date ${date}</code> prints it.</p>
${reportShell('run', [], [run.runId], date, benchmarkLinks(path, siblings))}`;
  return page({ path, title: `run ${run.runId}`, pageScripts: scriptsFor([run], data) }, body);
}

export function renderComparisonPage(path: string, base: StoredRun[], head: StoredRun[], date: string, data: ReadonlyMap<number, WrittenRun>): string {
  const side = (runs: StoredRun[]) => html`${runs.map((r, i) => html`${i > 0 ? ' + ' : ''}<a href="${href(path, runPage(r.runId))}">run ${r.runId}</a>`)} <span class="meta">${identity(runs[0])}</span>`;
  const body = html`<h1>${base[0].commitHash?.slice(0, 9) ?? `run ${base[0].runId}`} \u2192 ${head[0].commitHash?.slice(0, 9) ?? `run ${head[0].runId}`}</h1>
<dl class="sides"><dt>Base</dt><dd class="base">${side(base)}</dd><dt>Head</dt><dd class="head">${side(head)}</dd></dl>
<p class="meta">${base.length === 1 && head.length === 1
    ? html`The comparison as <code>pystats report ${head[0].runId} --base ${base[0].runId} --date ${date}</code> prints it.`
    : html`The comparison of the runs summed on each side (the base is the last point before the step, the head its first point).`}</p>
${reportShell('comparison', base.map((r) => r.runId), head.map((r) => r.runId), date, [])}`;
  return page({ path, title: 'comparison', pageScripts: scriptsFor([...base, ...head], data) }, body);
}

/**
 * The runs' report pages. Incremental: each page is stamped with what it is made from
 * (pageStamp); a rebuild keeps a page whose stamp matches without making it, so a new
 * week makes its few hundred new pages, not all 27,000 again to compare their bytes
 * (about 1 s at 20,000 runs). keep() looks over the pages of runs whose data scripts are
 * known already (those the previous build left: RunDataReview), a slice at a time, while
 * the trends wait on DuckDB; write() keeps or makes every page not kept then.
 */
export class RunPages {
  private readonly templates = templateStamp();
  private readonly siblings: Map<string, StoredRun[]>;
  private readonly kept = new Set<number>();

  /** `date`: the reports' date, or null for the day each run (a comparison's head) was ingested. */
  constructor(private readonly out: SiteWriter, readonly runs: readonly StoredRun[], readonly date: string | null) {
    this.siblings = siblingsByCommit(runs);
  }

  /** Keeps the pages of runs in `data` whose stamps match, yielding every few hundred runs. */
  async keep(data: ReadonlyMap<number, WrittenRun>): Promise<void> {
    for (let i = 0; i < this.runs.length; i++) {
      if (i % KEEP_SLICE === KEEP_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      const run = this.runs[i];
      if (data.has(run.runId) && this.out.reuse(runPage(run.runId), this.stampOf(run, data))) this.kept.add(run.runId);
    }
  }

  /** Keeps or makes every page keep() did not keep; `data`: every run's scripts. */
  write(data: ReadonlyMap<number, WrittenRun>): void {
    for (const run of this.runs) {
      if (this.kept.has(run.runId)) continue;
      const path = runPage(run.runId);
      const stamp = this.stampOf(run, data);
      if (!this.out.reuse(path, stamp)) this.out.write(path, renderRunPage(run, this.ownOf(run), dateOf(this.date, data, [run.runId]), data), { stamp });
    }
  }

  /** Only an aggregated run's report has a links line (to its commit's per-benchmark runs). */
  private ownOf(run: StoredRun): StoredRun[] {
    return run.benchmark === 'all' ? (this.siblings.get(commitOf(run)) ?? []).filter((o) => o !== run) : [];
  }

  private stampOf(run: StoredRun, data: ReadonlyMap<number, WrittenRun>): string {
    return pageStamp([
      this.templates, run, this.ownOf(run).map((o) => [o.runId, o.benchmark]), dateOf(this.date, data, [run.runId]), scriptsOf(data, [run.runId]),
    ]);
  }

  /** Every comparison's page, kept or made as a run's; returns how many pages the runs and comparisons have. */
  writeComparisons(comparisons: readonly Comparison[], data: ReadonlyMap<number, WrittenRun>): number {
    const byId = new Map(this.runs.map((r) => [r.runId, r]));
    const side = (ids: number[]) => ids.map((id) => {
      const run = byId.get(id);
      if (!run) throw new Error(`run ${id} is in a trend but not in the run list`);
      return run;
    });
    for (const c of comparisons) {
      const [base, head] = [side(c.base), side(c.head)];
      const day = dateOf(this.date, data, c.head);
      const stamp = pageStamp([this.templates, c.page, base, head, day, scriptsOf(data, [...c.base, ...c.head])]);
      if (!this.out.reuse(c.page, stamp)) this.out.write(c.page, renderComparisonPage(c.page, base, head, day, data), { stamp });
    }
    return this.runs.length + comparisons.length;
  }
}

/** Runs keep() looks over between two yields (a few ms of work). */
const KEEP_SLICE = 250;

/** The reports' date: the one given, else the day the (head) run was ingested. */
function dateOf(date: string | null, data: ReadonlyMap<number, WrittenRun>, head: number[]): string {
  return date ?? data.get(head[0])?.ingestedDay ?? '';
}

function scriptsOf(data: ReadonlyMap<number, WrittenRun>, ids: number[]): string[][] {
  return ids.map((id) => data.get(id)?.scripts ?? []);
}

/** A page's stamp: a hash of everything it is made from. */
function pageStamp(inputs: unknown[]): string {
  return hash('sha256', JSON.stringify(inputs), 'hex').slice(0, 16);
}

/**
 * How the pages are made: a run page and a comparison made from made-up runs with this
 * build's templates (layout, shell, links). Any change to them changes this, and so every
 * page's stamp, and the pages are made again.
 */
function templateStamp(): string {
  const run: StoredRun = {
    runId: 1, fork: 'f', ref: 'r', commitHash: 'c', commitDate: 'd', pythonVersion: 'v', machine: 'm', nickname: 'n',
    benchmark: 'all', flags: 'JIT', nFiles: 2, sourceKind: 'json', sourcePath: 'p',
  };
  const other = { ...run, runId: 2, benchmark: 'b' };
  const data = new Map([[1, { scripts: ['s1'], ingestedDay: 'x' }], [2, { scripts: ['s2'], ingestedDay: 'y' }]]) as unknown as ReadonlyMap<number, WrittenRun>;
  return pageStamp([renderRunPage(run, [other], 'day', data), renderComparisonPage('compare/1-vs-2.html', [run], [other], 'day', data)]);
}

function commitOf(r: StoredRun): string {
  return JSON.stringify([r.commitHash, r.fork ?? '', r.flags ?? '']);
}

/** The per-benchmark runs of each commit (fork, flags): the pages an aggregated report links to. */
function siblingsByCommit(runs: readonly StoredRun[]): Map<string, StoredRun[]> {
  const map = new Map<string, StoredRun[]>();
  for (const r of runs) {
    if (r.benchmark === 'all' || r.commitHash === null) continue;
    const list = map.get(commitOf(r));
    if (list) list.push(r);
    else map.set(commitOf(r), [r]);
  }
  return map;
}
