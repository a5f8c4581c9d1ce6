/**
 * One page per metric: the interactive Vega-Lite chart (the trend's own spec from
 * trend/plot.ts, with tooltips and series selectors), the steps flagged with links to their
 * comparisons, and the trend table exactly as `pystats trend METRIC` prints it.
 */
import { html, raw, scriptJson } from './html.js';
import { page } from './layout.js';
import { href } from './paths.js';
import { markdownToHtml } from './markdown.js';
import { seriesTitle, stepText } from './index-page.js';
import { newestFirst, type SiteMetric, type SiteStep } from './site-model.js';
import { trendPlotSpec } from '../trend/render/plot.js';
import { renderMarkdown } from '../trend/render/render.js';

export function renderMetricPage(m: SiteMetric, steps: readonly SiteStep[]): string {
  const to = (p: string) => href(m.page, p);
  const r = m.result;
  const mine = steps.filter((st) => st.metric === m).sort(newestFirst);
  const spec = trendPlotSpec(r, { interactive: true, width: 860, height: 380 });
  const body = html`<h1>${m.spec}</h1>
<p>${r.metric.definition}</p>
<p class="meta">SQL: <code>${r.metric.sql}</code></p>
${r.series.length === 0 ? html`<p>No runs match.</p>` : html`<div class="chart" id="chart" data-points="${r.series.reduce((n, s) => n + s.points.filter((p) => p.value !== null).length, 0)}"></div>
<script type="application/json" id="chart-spec">${scriptJson(spec)}</script>`}
<h2>Steps flagged, newest first</h2>
${mine.length === 0 ? html`<p class="meta">None found.</p>` : html`<table class="steps">
<thead><tr><th>Date</th><th>Commit</th><th>Series</th><th>Before \u2192 after</th><th>Confidence</th><th>Comparison</th></tr></thead>
<tbody>${mine.map((st) => html`<tr><td>${st.after.date ?? ''}</td><td><code>${st.after.commit?.slice(0, 9) ?? ''}</code></td><td>${seriesTitle(st.series.dims)}${st.series.part ? ` \u00b7 ${st.series.part}` : ''}</td><td>${stepText(m, st)}</td><td>${st.step.confidence.toFixed(3)}</td><td><a class="step-link" href="${to(st.comparison)}">${st.before.commit?.slice(0, 7) ?? 'before'} \u2192 ${st.after.commit?.slice(0, 7) ?? 'after'}</a></td></tr>\n`)}</tbody>
</table>`}
<h2>Trend table</h2>
<div class="markdown">${raw(markdownToHtml(renderMarkdown(r).replace(/^# .*\n/, '')))}</div>`;
  return page({ path: m.page, title: m.spec, charts: true }, body);
}
