/**
 * Prints the 3.12 report's parts as summarize_stats.py 3.12 does: Markdown pipe tables
 * (the header is printed even with no rows), `<details>` sections, bare titles, and the
 * "Stats gathered on" footer. Whitespace, including the header's trailing space, is exact.
 */
import { formatCount } from './format.js';

/** An `int` cell (printed with `,d`) or any other value, already turned into its `str()`. */
export type PipeCell = bigint | string;

export type PipePart =
  | { kind: 'section'; title: string; level: number; summary: string; parts: PipePart[] }
  | { kind: 'title'; text: string; level: number }
  | { kind: 'table'; columns: readonly string[]; rows: PipeCell[][] };

export function renderPipeReport(parts: readonly PipePart[], date: string): string {
  const out: string[] = [];
  for (const part of parts) renderPart(out, part);
  out.push('---\n', `Stats gathered on: ${date}\n`);
  return out.join('');
}

function renderPart(out: string[], part: PipePart): void {
  switch (part.kind) {
    case 'section':
      out.push(`${'#'.repeat(part.level)} ${part.title}\n\n`, '<details>\n', `<summary> ${part.summary} </summary>\n`, '\n');
      for (const child of part.parts) renderPart(out, child);
      out.push('\n', '</details>\n', '\n');
      return;
    case 'title':
      out.push(`${'#'.repeat(part.level)} ${part.text}\n\n`);
      return;
    case 'table':
      renderTable(out, part.columns, part.rows);
      return;
  }
}

function renderTable(out: string[], columns: readonly string[], rows: PipeCell[][]): void {
  let header = '|';
  let rule = '|';
  for (const column of columns) {
    const right = column.endsWith(':');
    header += (right ? column.slice(0, -1) : column) + ' | ';
    rule += right ? '---:|' : '---|';
  }
  out.push(header + '\n', rule + '\n');
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`Wrong number of elements in a row: ${row.length} cells for ${columns.length} columns`);
    out.push('| ' + row.map(pipeCell).join(' | ') + ' |\n');
  }
  out.push('\n');
}

function pipeCell(cell: PipeCell): string {
  return typeof cell === 'string' ? cell : formatCount(cell);
}
