// pystats site: draws the page's Vega-Lite chart (bundled Vega, no network), and makes
// tables with class "sortable" sortable by a click on a column and filterable by #runs-filter.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  for (const el of document.querySelectorAll('.chart')) {
    const spec = JSON.parse(document.getElementById(el.id + '-spec').textContent);
    // SVG: the marks are elements of the page (countable, selectable, printable).
    vegaEmbed(el, spec, { renderer: 'svg', actions: false })
      .then(() => { el.dataset.rendered = 'true'; })
      .catch((err) => { el.dataset.rendered = 'error'; console.error(err); });
  }
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
