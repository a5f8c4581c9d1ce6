/**
 * Prints a 3.13+ section list the way summarize_stats.py's `output_markdown` does:
 * headings and `<details>` blocks for sections, HTML tables for tables, then the
 * "Stats gathered on" footer. All whitespace here is significant.
 */
import { cellMarkdown, type Row } from './cells.js';
import { joinTables } from './compare.js';
import type { Part, Section, Table } from './model.js';
import type { Stats } from './stats.js';

export function renderHtmlReport(sections: readonly Section[], base: Stats, head: Stats | null, date: string): string {
  const out: string[] = [];
  for (const part of sections) renderPart(out, part, base, head, 2);
  out.push('---\n', `Stats gathered on: ${date}\n`);
  return out.join('');
}

function renderPart(out: string[], part: Part, base: Stats, head: Stats | null, level: number): void {
  if (part.kind === 'section') renderSection(out, part, base, head, level);
  else renderTable(out, part, base, head);
}

function renderSection(out: string[], section: Section, base: Stats, head: Stats | null, level: number): void {
  if (section.title) {
    out.push(`${'#'.repeat(level)} ${section.title}\n`, '\n', '<details>\n', `<summary> ${section.summary} </summary>\n`, '\n');
  }
  if (section.doc) out.push(section.doc + '\n');
  if (head !== null && !section.comparative) {
    out.push('Not included in comparative output.\n\n');
  } else {
    for (const part of section.parts(base, head)) renderPart(out, part, base, head, level + 1);
  }
  out.push('\n');
  if (section.title) out.push('</details>\n', '\n');
}

function renderTable(out: string[], table: Table, base: Stats, head: Stats | null): void {
  let columns: readonly string[] = table.columns;
  let rows: Row[];
  if (head === null) {
    rows = table.rows(base);
  } else {
    ({ columns, rows } = joinTables(table.columns, table.join, table.rows(base), table.rows(head)));
  }
  // An empty table prints nothing at all, not even its header.
  if (rows.length === 0) return;

  const alignments = columns.map((c) => (c.endsWith(':') ? 'right' : 'left'));
  out.push('<table>\n', '<thead>\n', '<tr>\n');
  columns.forEach((c, i) => out.push(`<th align="${alignments[i]}">${c.endsWith(':') ? c.slice(0, -1) : c}</th>\n`));
  out.push('</tr>\n', '</thead>\n', '<tbody>\n');
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`Wrong number of elements in a row: ${row.length} cells for ${columns.length} columns`);
    out.push('<tr>\n');
    row.forEach((cell, i) => out.push(`<td align="${alignments[i]}">${cellMarkdown(cell)}</td>\n`));
    out.push('</tr>\n');
  }
  out.push('</tbody>\n', '</table>\n', '\n');
}
