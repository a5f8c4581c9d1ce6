// pystats site: draws a metric page's Vega-Lite chart (bundled Vega, no network) of the
// series picked, its data loaded on demand; makes tables with class "sortable" sortable by
// a click on a column, and the run list filterable by #runs-filter.
//
// Chart data files are scripts, one per series holding every metric's data (data/<series>.js,
// pipeline/site/chart-data.ts), added to the page when needed: pages opened from file://
// may not fetch(), but may load a script; each adds its data to PYSTATS_CHARTS under its
// own path. A metric page draws the part under its own metric (#chart's data-metric).
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const chart = document.getElementById('chart');
  if (chart) metricChart(chart);
  for (const table of document.querySelectorAll('table.sortable')) sortable(table);
  const filter = document.getElementById('runs-filter');
  if (filter) {
    filter.addEventListener('input', () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const row of document.querySelectorAll('#runs tbody tr')) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((w) => text.includes(w));
      }
    });
  }
});

function sortable(table) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, col) => {
    th.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      for (const h of heads) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir);
      const numeric = th.dataset.type === 'number';
      const key = (row) => (numeric ? Number(row.cells[col].textContent) : row.cells[col].textContent);
      const rows = [...table.tBodies[0].rows];
      rows.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const c = numeric ? x - y : x.localeCompare(y);
        return dir === 'ascending' ? c : -c;
      });
      table.tBodies[0].append(...rows);
    });
  });
}

/** Loads a data script once; resolves with what it registered. */
const loading = new Map();
function loadData(src, key) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve((self.PYSTATS_CHARTS || {})[key]);
      script.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.append(script);
    }));
  }
  return loading.get(src);
}

function metricChart(el) {
  // [configuration, series, short name, data file (relative to the page), points]
  const list = JSON.parse(document.getElementById('chart-series').textContent);
  const pickConfig = document.getElementById('pick-config');
  const pickSeries = document.getElementById('pick-series');
  const configs = [...new Set(list.map((s) => s[0]))];
  pickConfig.replaceChildren(...configs.map((c) => new Option(c, c)));
  const fill = (config) => pickSeries.replaceChildren(...list.filter((s) => s[0] === config).map((s) => new Option(s[1], s[2])));
  const wanted = list.find((s) => s[2] === location.hash.slice(1)) || list[0];
  pickConfig.value = wanted[0];
  fill(wanted[0]);
  pickSeries.value = wanted[2];
  let shown = 0;
  const show = () => {
    const entry = list.find((s) => s[2] === pickSeries.value);
    const turn = ++shown;
    el.dataset.rendered = 'loading';
    el.dataset.series = entry[2];
    el.dataset.points = String(entry[4]);
    // The key each registers under: its path from the site root (the page is one folder down).
    const key = (src) => src.replace(/^\.\.\//, '');
    loadData(entry[3], key(entry[3]))
      .then((data) => vegaEmbed(el, chartSpec(el, entry, { x: data.x, commits: data.commits, ...data.metrics[el.dataset.metric] }), { renderer: 'svg', actions: false }))
      .then(() => { if (turn === shown) el.dataset.rendered = 'true'; })
      .catch((err) => { el.dataset.rendered = 'error'; console.error(err); });
  };
  pickConfig.addEventListener('change', () => { fill(pickConfig.value); show(); });
  pickSeries.addEventListener('change', () => { history.replaceState(null, '', '#' + pickSeries.value); show(); });
  show();
}

/** The trend's Vega-Lite spec (as pipeline/trend/render/plot.ts draws it) from a chart data file. */
function chartSpec(el, entry, data) {
  const byDate = el.dataset.x === 'date';
  const percent = el.dataset.percent === 'true';
  const rows = [];
  const steps = [];
  data.lines.forEach((line, li) => {
    let prev = null;
    line.values.forEach((v, i) => {
      const x0 = data.x[i];
      if (x0 === null) return;
      const x = byDate ? x0 * 1000 : x0;
      let change = '';
      if (v !== null && prev !== null) {
        change = percent ? `${(v - prev >= 0 ? '+' : '')}${(v - prev).toFixed(2)} pp`
          : prev === 0 ? '' : `${((v - prev) / Math.abs(prev) * 100 >= 0 ? '+' : '')}${((v - prev) / Math.abs(prev) * 100).toFixed(2)}%`;
      }
      if (v !== null) prev = v;
      rows.push({ series: line.label, x, value: v, commit: data.commits[i], change });
    });
  });
  for (const [li, i, before, after, confidence] of data.steps) {
    const x0 = data.x[i];
    const v = data.lines[li].values[i];
    if (x0 === null || v === null) continue;
    steps.push({ series: data.lines[li].label, x: byDate ? x0 * 1000 : x0, value: v, dir: after > before ? 'up' : 'down',
      label: `${before.toPrecision(5)} \u2192 ${after.toPrecision(5)} (confidence ${confidence.toFixed(3)})` });
  }
  const xField = byDate
    ? { field: 'x', type: 'temporal', title: 'commit date (UTC)', scale: { type: 'utc' }, axis: { format: '%Y-%m-%d', labelAngle: -30 } }
    : { field: 'x', type: 'quantitative', title: 'run order', axis: { tickMinStep: 1 } };
  const color = { field: 'series', type: 'nominal', title: 'line', legend: { orient: 'bottom', columns: 1, labelLimit: 600 } };
  const y = { field: 'value', type: 'quantitative', title: el.dataset.yTitle, scale: { zero: false } };
  const layers = [{
    name: 'trend',
    mark: { type: 'line', point: { filled: true, size: 24 }, strokeWidth: 1.8, invalid: 'break-paths-show-domains' },
    encoding: {
      x: xField, y, color,
      tooltip: [{ field: 'series', title: 'line' }, { field: 'commit' }, { field: 'x', type: byDate ? 'temporal' : 'quantitative', title: byDate ? 'date' : 'run order', ...(byDate ? { format: '%Y-%m-%d' } : {}) },
        { field: 'value', type: 'quantitative', format: ',.6~g' }, { field: 'change', title: 'change vs previous' }],
    },
  }];
  if (steps.length > 0) {
    layers.push({ data: { values: steps }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888', opacity: 0.7 }, encoding: { x: { field: 'x', type: xField.type } } });
    layers.push({
      data: { values: steps }, name: 'steps',
      mark: { type: 'point', filled: true, size: 140, stroke: 'black', strokeWidth: 1 },
      encoding: {
        x: { field: 'x', type: xField.type }, y: { field: 'value', type: 'quantitative' }, color,
        shape: { field: 'dir', type: 'nominal', scale: { domain: ['up', 'down'], range: ['triangle-up', 'triangle-down'] }, legend: null },
        tooltip: [{ field: 'series', title: 'line' }, { field: 'label', title: 'step' }],
      },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${el.dataset.title}: ${entry[0]} / ${entry[1]}`, subtitle: 'triangles: detected steps (change points)' },
    width: 860, height: 380, background: 'white',
    data: { values: rows },
    layer: layers,
  };
}
