/**
 * The values a report table cell can hold, mirroring summarize_stats.py's `Count`,
 * `Ratio`, `DiffRatio` and `Doc`, plus plain strings and `None` (an empty cell).
 * Each knows its Markdown text; ratios also know their float value, which the
 * comparison sort uses.
 */
import { divideToDouble, formatCount, formatFixed, formatPercent } from './format.js';

export class Count {
  constructor(readonly value: bigint) {}
  markdown(): string {
    return formatCount(this.value);
  }
}

export class Ratio {
  /** `den === null` is Python's `None`: the cell is empty and the float value is `num`. */
  constructor(
    readonly num: bigint,
    readonly den: bigint | null,
    readonly percentage: boolean = true,
  ) {}

  /** Python `float(Ratio)`: 0.0 for a zero denominator. */
  toFloat(): number {
    if (this.den === 0n) return 0;
    if (this.den === null) return divideToDouble(this.num, 1n);
    return divideToDouble(this.num, this.den);
  }

  markdown(): string {
    if (this.den === null) return '';
    if (this.den === 0n) return this.num !== 0n ? `${formatCount(this.num)} / 0 !!` : '';
    const x = divideToDouble(this.num, this.den);
    return this.percentage ? formatPercent(x, 1, true) : formatFixed(x, 2, true);
  }
}

/** The "Change" cell: head relative to base, or empty when a side is missing (a "" cell). */
export function diffRatio(base: Cell, head: Cell): Ratio {
  if (typeof base === 'string' || typeof head === 'string') return new Ratio(0n, 0n);
  const b = countValue(base, 'base');
  const h = countValue(head, 'head');
  return new Ratio(h - b, b);
}

function countValue(cell: Cell, side: string): bigint {
  if (cell instanceof Count) return cell.value;
  throw new TypeError(`cannot compute a change from the ${side} cell ${describeCell(cell)}`);
}

/** A label with a tooltip; two Docs are the same join key only if text and tooltip match. */
export class Doc {
  constructor(
    readonly text: string,
    readonly doc: string,
  ) {}
  /** `textwrap.dedent` of the script's template, for single-line text and tooltip. */
  markdown(): string {
    return `\n${this.text}\n<details>\n<summary>ⓘ</summary>\n\n${this.doc}\n</details>\n`;
  }
}

/** `null` is Python's `None`: an empty cell. */
export type Cell = string | Count | Ratio | Doc | null;
export type Row = Cell[];

export function cellMarkdown(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  return cell.markdown();
}

/** Identity of a first-column cell as a join key (Python dict key equality). */
export function joinKey(cell: Cell): string {
  if (typeof cell === 'string') return `s:${cell}`;
  if (cell instanceof Count) return `n:${cell.value}`;
  if (cell instanceof Doc) return `d:${cell.text}\u0000${cell.doc}`;
  throw new TypeError(`cannot use ${describeCell(cell)} as a join key`);
}

function describeCell(cell: Cell): string {
  if (cell === null) return 'None';
  if (typeof cell === 'string') return JSON.stringify(cell);
  return `${cell.constructor.name}(${cell.markdown()})`;
}
