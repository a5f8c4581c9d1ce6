/**
 * Pieces the index, configuration and series pages share: a metric's small chart over one
 * series (an inline SVG of that series' points only: a page holds a bounded number of
 * them) with its latest value and change, and a table of change points linking to the
 * comparison of the commits around each.
 */
import { html, raw, type Html } from './html.js';
import { sparkline } from './sparkline.js';
import { linesOf, type SiteMetric, type SiteStep } from './site-model.js';
import type { SiteSeries } from './site-series.js';
import { formatChange, formatValue } from '../trend/render/render.js';
import { changeKind, type TrendSeries } from '../trend/series.js';

export function stepText(m: SiteMetric, st: SiteStep): string {
  const unit = m.result.metric.unit;
  const kind = changeKind(unit);
  return `${formatValue(unit, st.step.before)} \u2192 ${formatValue(unit, st.step.after)} (${formatChange(kind, kind === 'pp' ? st.step.size : st.step.relative)})`;
}

/** The change points, newest first as given; `series` links each to its series page. */
export function stepsTable(steps: readonly SiteStep[], to: (p: string) => string, series: ReadonlyMap<string, SiteSeries> | null): Html {
  if (steps.length === 0) return html`<p class="meta">None found.</p>`;
  return html`<table class="steps">
<thead><tr><th>Date</th><th>Commit</th>${series ? html`<th>Series</th>` : ''}<th>Metric</th><th>Line</th><th>Before \u2192 after</th><th>Comparison</th></tr></thead>
<tbody>${steps.map((st) => {
    const s = series?.get(st.series.key);
    return html`<tr><td>${st.after.date ?? ''}</td><td><code>${st.after.commit?.slice(0, 9) ?? ''}</code></td>${series ? html`<td>${s ? html`<a href="${to(s.page)}">${s.title}</a>` : ''}</td>` : ''}<td><a href="${to(st.metric.page)}">${st.metric.spec}</a></td><td>${st.series.part}</td><td>${stepText(st.metric, st)}</td><td><a class="step-link" href="${to(st.comparison)}">${st.before.commit?.slice(0, 7) ?? 'before'} \u2192 ${st.after.commit?.slice(0, 7) ?? 'after'}</a></td></tr>\n`;
  })}</tbody>
</table>`;
}

/** The latest value of each line of a metric on a series, with its change against the previous point. */
export function latestValues(m: SiteMetric, lines: readonly TrendSeries[]): Html {
  const r = m.result;
  const kind = changeKind(r.metric.unit);
  return html`<ul class="latest">${lines.map((s) => {
    let at = s.points.length - 1;
    while (at >= 0 && s.points[at].value === null) at--;
    const p = at >= 0 ? s.points[at] : undefined;
    if (!p) return html``;
    const change = formatChange(kind, p.changePrev);
    return html`<li>${s.part ? html`<span class="part">${s.part}</span> ` : ''}<b>${formatValue(r.metric.unit, p.value, p.exact)}</b>${change ? html` <span class="${(p.changePrev ?? 0) > 0 ? 'up' : (p.changePrev ?? 0) < 0 ? 'down' : ''}">${change}</span>` : ''}</li>`;
  })}</ul>`;
}

/** A metric's card on one series: the small chart (linking to the metric's page, showing this series), the latest values. */
export function card(m: SiteMetric, key: string, to: (p: string) => string, seriesHash: string): Html {
  const r = m.result;
  const lines = linesOf(m, key);
  const has = lines.some((s) => s.points.some((p) => p.value !== null));
  const xOf = (s: TrendSeries, i: number) => (r.x === 'date' ? s.points[i].time : s.points[i].order);
  return html`<figure class="card" data-metric="${m.spec}" data-series="${key}">
<figcaption><a href="${to(m.page)}#${seriesHash}" title="${r.metric.definition}">${m.spec}</a></figcaption>
${has ? sparkline(lines, `${m.spec}: ${lines.map((s) => s.label).join(', ')}`, xOf) : raw('<p class="meta">no value</p>')}
${latestValues(m, lines)}
</figure>
`;
}
