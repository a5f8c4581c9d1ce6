/**
 * A configuration's page (its benchmarks' series, the latest headline values of each, its
 * newest change points) and a series' page (every metric's small chart and latest value,
 * the series' change points). Both are bounded by one configuration or one series.
 */
import { html } from './html.js';
import { page } from './layout.js';
import { href, keyName } from './paths.js';
import { card, latestValues, stepsTable } from './cards.js';
import { headlineMetrics } from './index-page.js';
import { linesOf, type SiteModel, type SiteStep } from './site-model.js';
import type { SiteConfig, SiteSeries } from './site-series.js';

/** A configuration's page lists this many of its newest change points. */
const CONFIG_STEPS = 100;

/** `steps`: the configuration's, newest first (as the model holds them). */
export function renderConfigPage(model: SiteModel, c: SiteConfig, series: ReadonlyMap<string, SiteSeries>, steps: readonly SiteStep[]): string {
  const to = (p: string) => href(c.page, p);
  const headline = headlineMetrics(model.metrics);
  const stepsOf = new Map<string, number>();
  for (const st of steps) stepsOf.set(st.series.key, (stepsOf.get(st.series.key) ?? 0) + 1);
  const body = html`<h1>${c.title}</h1>
<p class="meta">${c.series.length} series, ${steps.length} change points. Each series links to its page (every metric); each metric to its interactive chart.</p>
<h2><a href="${to(c.aggregate.page)}">${c.aggregate.title}</a></h2>
<div class="cards">${headline.map((m) => card(m, c.aggregate.key, to, keyName(c.aggregate.key)))}</div>
<h2>Series</h2>
<table class="series-list sortable">
<thead><tr><th data-type="text">Series</th>${headline.map((m) => html`<th data-type="text"><a href="${to(m.page)}">${m.spec}</a> (latest)</th>`)}<th data-type="number">Steps</th></tr></thead>
<tbody>${c.series.map((s) => html`<tr><td><a href="${to(s.page)}">${s.dims.benchmark ?? s.title}</a></td>${headline.map((m) => html`<td>${latestValues(m, linesOf(m, s.key))}</td>`)}<td>${stepsOf.get(s.key) ?? 0}</td></tr>\n`)}</tbody>
</table>
<h2>Change points, newest first</h2>
${steps.length > CONFIG_STEPS ? html`<p class="meta">The newest ${CONFIG_STEPS} of ${steps.length}; each series' page lists all of its own.</p>` : ''}
${stepsTable(steps.slice(0, CONFIG_STEPS), to, series)}`;
  return page({ path: c.page, title: c.title, script: true }, body);
}

/** `steps`: the series', newest first (as the model holds them). */
export function renderSeriesPage(model: SiteModel, s: SiteSeries, steps: readonly SiteStep[]): string {
  const to = (p: string) => href(s.page, p);
  const body = html`<h1>${s.title}</h1>
<p class="meta">Configuration: <a href="${to(s.config.page)}">${s.config.title}</a>. Each chart links to the metric's interactive chart of this series.</p>
<div class="cards">${model.metrics.map((m) => card(m, s.key, to, keyName(s.key)))}</div>
<h2>Change points, newest first</h2>
${stepsTable(steps, to, null)}`;
  return page({ path: s.page, title: s.title }, body);
}
