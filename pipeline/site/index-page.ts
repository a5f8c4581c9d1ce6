/**
 * index.html: a summary that stays small whatever the archive. The configurations (fork ×
 * flags × machine), each with the small charts of a few headline metrics on its aggregated
 * series and its newest change points, then the newest change points over everything.
 * Everything else is a link away: a configuration's page lists its benchmarks, a series'
 * page has every metric, a metric's page its interactive chart.
 */
import { html } from './html.js';
import { page } from './layout.js';
import { href, INDEX_PAGE, keyName, RUNS_PAGE } from './paths.js';
import { card, stepsTable } from './cards.js';
import type { SiteMetric, SiteModel } from './site-model.js';
import type { SiteConfig, SiteSeries } from './site-series.js';

/** The index's list of the newest steps over every series. */
const LATEST_STEPS = 12;
/** And of each configuration. */
const CONFIG_STEPS = 5;
const HEADLINE = ['instructions', 'effectiveness', 'spec.hit:LOAD_ATTR', 'uops.executed'];
const HEADLINE_COUNT = 4;

/** The metrics a summary shows: the headline ones the site has, else its first. */
export function headlineMetrics(metrics: readonly SiteMetric[]): SiteMetric[] {
  const chosen = HEADLINE.map((h) => metrics.find((m) => m.spec === h)).filter((m): m is SiteMetric => m !== undefined);
  return (chosen.length > 0 ? chosen : metrics).slice(0, HEADLINE_COUNT);
}

export function renderIndex(model: SiteModel, configs: readonly SiteConfig[], series: ReadonlyMap<string, SiteSeries>, generated: string): string {
  const to = (p: string) => href(INDEX_PAGE, p);
  const latest = model.steps.slice(0, LATEST_STEPS);
  const headline = headlineMetrics(model.metrics);
  const body = html`<h1>pystats: trends</h1>
<p class="meta">${model.runs.length} runs, ${series.size} series in ${configs.length} configurations, ${model.metrics.length} metrics, ${model.steps.length} steps found. Built ${generated}. <a href="${to(RUNS_PAGE)}">All runs and their reports</a>.</p>
<nav id="metrics" class="metrics" aria-label="metrics">Metrics: ${model.metrics.map((m) => html`<a href="${to(m.page)}" title="${m.result.metric.definition}">${m.spec}</a> `)}</nav>
<nav class="series-nav" aria-label="configurations">Configurations: ${configs.map((c) => html`<a href="${to(c.page)}">${c.title}</a> (${c.series.length} series) `)}</nav>
<h2>Latest change points</h2>
${stepsTable(latest, to, series)}
${configs.map((c) => {
    const steps = model.steps.filter((st) => series.get(st.series.key)?.config === c).slice(0, CONFIG_STEPS);
    return html`<section class="series" id="config-${keyName(c.key)}">
<h2><a href="${to(c.page)}">${c.title}</a></h2>
<p class="meta">${c.series.length} series; the charts: <a href="${to(c.aggregate.page)}">${c.aggregate.title}</a>.</p>
<div class="cards">${headline.map((m) => card(m, c.aggregate.key, to, keyName(c.aggregate.key)))}</div>
<h3>Newest change points</h3>
${stepsTable(steps, to, series)}
</section>
`;
  })}`;
  return page({ path: INDEX_PAGE, title: 'trends' }, body);
}
