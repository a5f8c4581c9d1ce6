/**
 * One page per metric: the interactive Vega-Lite chart of one series at a time, picked by
 * configuration and benchmark (or by the page's #fragment, a series' short name), its data
 * loaded from the series' chart data file (every metric's, under this one's spec) when
 * shown (chart-data.ts; assets/site.js draws it), and the metric's newest change points with links to their comparisons. The page
 * holds only the list of series, so its weight does not grow with the runs.
 */
import { html, scriptJson } from './html.js';
import { page } from './layout.js';
import { href, keyName, seriesDataScript } from './paths.js';
import { stepsTable } from './cards.js';
import { linesOf, type SiteMetric, type SiteStep } from './site-model.js';
import type { SiteConfig, SiteSeries } from './site-series.js';
import { unitLabel } from '../trend/metrics/catalog.js';

/** A metric page lists this many of its newest change points (series pages list all of theirs). */
const METRIC_STEPS = 100;

/** `steps`: the metric's, newest first (as the model holds them). */
export function renderMetricPage(m: SiteMetric, steps: readonly SiteStep[], configs: readonly SiteConfig[], series: ReadonlyMap<string, SiteSeries>): string {
  const to = (p: string) => href(m.page, p);
  const r = m.result;
  const keys = new Set(r.series.map((s) => s.key));
  // [configuration, series label, short name, data file, points with a value]
  const list = configs.flatMap((c) => c.series.filter((s) => keys.has(s.key)).map((s) => [
    c.title, s.dims.benchmark ?? s.title, keyName(s.key), to(seriesDataScript(s.key)),
    linesOf(m, s.key).reduce((n, x) => n + x.points.filter((p) => p.value !== null).length, 0),
  ]));
  const body = html`<h1>${m.spec}</h1>
<p>${r.metric.definition}</p>
<p class="meta">SQL: <code>${r.metric.sql}</code>. The table of every point: <code>pystats trend ${m.spec}</code>.</p>
${list.length === 0 ? html`<p>No runs match.</p>` : html`<p class="pickers"><label>Configuration <select id="pick-config"></select></label> <label>Series <select id="pick-series"></select></label></p>
<div class="chart" id="chart" data-metric="${m.spec}" data-x="${r.x}" data-title="${r.metric.title}" data-y-title="${`${r.metric.title} (${unitLabel(r.metric.unit)})`}" data-percent="${r.metric.unit === 'percent' ? 'true' : 'false'}"></div>
<script type="application/json" id="chart-series">${scriptJson(list)}</script>`}
<h2>Steps flagged, newest first</h2>
${steps.length > METRIC_STEPS ? html`<p class="meta">The newest ${METRIC_STEPS} of ${steps.length}; each series' page lists all of its own.</p>` : ''}
${stepsTable(steps.slice(0, METRIC_STEPS), to, series)}`;
  return page({ path: m.page, title: m.spec, charts: true }, body);
}
