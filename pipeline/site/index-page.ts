/**
 * index.html: every series (fork × flags × machine × benchmark) with a small chart per
 * metric, its latest value and change, and the steps found on it, newest first, each
 * linking to the comparison of the commits around it.
 */
import { html, raw, type Html } from './html.js';
import { page } from './layout.js';
import { href, INDEX_PAGE, RUNS_PAGE } from './paths.js';
import { sparkline } from './sparkline.js';
import { newestFirst, type SiteMetric, type SiteModel, type SiteStep } from './site-model.js';
import { formatChange, formatValue } from '../trend/render/render.js';
import { changeKind, type TrendSeries } from '../trend/series.js';
import type { DIMENSIONS } from '../trend/points.js';

/** The index's own list of the newest steps over every series; each series lists all of its own. */
const LATEST_STEPS = 12;

type Dims = Partial<Record<(typeof DIMENSIONS)[number], string>>;

export function seriesTitle(dims: Dims): string {
  return [dims.fork, dims.flags, dims.machine, dims.benchmark].filter((d) => d !== undefined).join(' / ');
}

export function seriesAnchor(key: string): string {
  return 'series-' + key.replace(/[^A-Za-z0-9_-]+/g, '_');
}

export function stepText(m: SiteMetric, st: SiteStep): string {
  const unit = m.result.metric.unit;
  const kind = changeKind(unit);
  return `${formatValue(unit, st.step.before)} \u2192 ${formatValue(unit, st.step.after)} (${formatChange(kind, kind === 'pp' ? st.step.size : st.step.relative)})`;
}

export function renderIndex(model: SiteModel, generated: string): string {
  const to = (p: string) => href(INDEX_PAGE, p);
  const keys = [...new Map(model.metrics.flatMap((m) => m.result.series.map((s) => [s.key, s.dims] as const))).entries()];
  const sections = keys.map(([key, dims]) => seriesSection(model, key, dims, to));
  const latest = [...model.steps].sort(newestFirst).slice(0, LATEST_STEPS);
  const body = html`<h1>pystats: trends</h1>
<p class="meta">${model.runs.length} runs, ${keys.length} series, ${model.metrics.length} metrics, ${model.steps.length} steps found. Built ${generated}. <a href="${to(RUNS_PAGE)}">All runs and their reports</a>.</p>
<nav id="metrics" class="metrics" aria-label="metrics">Metrics: ${model.metrics.map((m) => html`<a href="${to(m.page)}" title="${m.result.metric.definition}">${m.spec}</a> `)}</nav>
<nav class="series-nav" aria-label="series">Series: ${keys.map(([key, dims]) => html`<a href="#${seriesAnchor(key)}">${seriesTitle(dims)}</a> `)}</nav>
<h2>Latest change points</h2>
${stepsTable(latest, to, true)}
${sections}`;
  return page({ path: INDEX_PAGE, title: 'trends' }, body);
}

function seriesSection(model: SiteModel, key: string, dims: Dims, to: (p: string) => string): Html {
  const steps = model.steps.filter((st) => st.series.key === key).sort(newestFirst);
  const cards = model.metrics.map((m) => card(m, m.result.series.filter((s) => s.key === key), key, to));
  return html`<section class="series" id="${seriesAnchor(key)}">
<h2>${seriesTitle(dims)}</h2>
<div class="cards">${cards}</div>
<h3>Change points, newest first</h3>
${stepsTable(steps, to, false)}
</section>
`;
}

function stepsTable(steps: readonly SiteStep[], to: (p: string) => string, withSeries: boolean): Html {
  if (steps.length === 0) return html`<p class="meta">None found.</p>`;
  return html`<table class="steps">
<thead><tr><th>Date</th><th>Commit</th>${withSeries ? html`<th>Series</th>` : ''}<th>Metric</th><th>Line</th><th>Before \u2192 after</th><th>Comparison</th></tr></thead>
<tbody>${steps.map((st) => html`<tr><td>${st.after.date ?? ''}</td><td><code>${st.after.commit?.slice(0, 9) ?? ''}</code></td>${withSeries ? html`<td><a href="#${seriesAnchor(st.series.key)}">${seriesTitle(st.series.dims)}</a></td>` : ''}<td><a href="${to(st.metric.page)}">${st.metric.spec}</a></td><td>${st.series.part}</td><td>${stepText(st.metric, st)}</td><td><a class="step-link" href="${to(st.comparison)}">${st.before.commit?.slice(0, 7) ?? 'before'} \u2192 ${st.after.commit?.slice(0, 7) ?? 'after'}</a></td></tr>\n`)}</tbody>
</table>`;
}

function card(m: SiteMetric, lines: TrendSeries[], key: string, to: (p: string) => string): Html {
  const r = m.result;
  const has = lines.some((s) => s.points.some((p) => p.value !== null));
  const xOf = (s: TrendSeries, i: number) => (r.x === 'date' ? s.points[i].time : s.points[i].order);
  const kind = changeKind(r.metric.unit);
  const latest = lines.map((s) => {
    const p = [...s.points].reverse().find((q) => q.value !== null);
    if (!p) return html``;
    const change = formatChange(kind, p.changePrev);
    return html`<li>${s.part ? html`<span class="part">${s.part}</span> ` : ''}<b>${formatValue(r.metric.unit, p.value, p.exact)}</b>${change ? html` <span class="${(p.changePrev ?? 0) > 0 ? 'up' : (p.changePrev ?? 0) < 0 ? 'down' : ''}">${change}</span>` : ''}</li>`;
  });
  return html`<figure class="card" data-metric="${m.spec}" data-series="${key}">
<figcaption><a href="${to(m.page)}" title="${m.result.metric.definition}">${m.spec}</a></figcaption>
${has ? sparkline(lines, `${m.spec}: ${lines.map((s) => s.label).join(', ')}`, xOf) : raw('<p class="meta">no value</p>')}
<ul class="latest">${latest}</ul>
</figure>
`;
}
