/**
 * The declarative shape of a 3.13+ report, as in summarize_stats.py: a document is a list
 * of sections; a section holds tables and sub-sections, produced from the stats; a table
 * is column specs, a function from one run's stats to rows, and how two runs are joined.
 * Adding a section means adding an entry to a list, not editing a printer.
 */
import type { Row } from './cells.js';
import type { Stats } from './stats.js';

export enum JoinMode {
  /** Key, base cells, head cells. */
  Simple = 'SIMPLE',
  /** As Simple plus a "Change" column; rows sorted by |change|, largest first. */
  Change = 'CHANGE',
  /** Key, base and head of the first value column, change; sorted like Change. */
  ChangeOneColumn = 'CHANGE_ONE_COLUMN',
  /** As Change, but the join order is kept (histograms). */
  ChangeNoSort = 'CHANGE_NO_SORT',
}

export interface Table {
  readonly kind: 'table';
  /** Column specs; a trailing `:` means right-aligned (and is not printed). */
  readonly columns: readonly string[];
  readonly rows: (stats: Stats) => Row[];
  readonly join: JoinMode;
}

export interface Section {
  readonly kind: 'section';
  readonly title: string;
  /** Already defaulted: the script uses `title.lower()` when no summary is given. */
  readonly summary: string;
  /** Already dedented; empty for none. Printed followed by a newline. */
  readonly doc: string;
  /** false: in comparison mode the body is replaced by a "Not included" line. */
  readonly comparative: boolean;
  /** The parts, computed from the base (and, in comparison mode, head) stats. */
  readonly parts: (base: Stats, head: Stats | null) => Part[];
}

export type Part = Table | Section;

export function table(columns: readonly string[], rows: (stats: Stats) => Row[], join: JoinMode = JoinMode.Simple): Table {
  return { kind: 'table', columns, rows, join };
}

export interface SectionOptions {
  summary?: string;
  doc?: string;
  comparative?: boolean;
}

export function section(
  title: string,
  parts: Part[] | ((base: Stats, head: Stats | null) => Part[]),
  options: SectionOptions = {},
): Section {
  return {
    kind: 'section',
    title,
    summary: options.summary || title.toLowerCase(),
    doc: options.doc ?? '',
    comparative: options.comparative ?? true,
    parts: typeof parts === 'function' ? parts : () => parts,
  };
}

/**
 * A section doc from its lines. The script writes docs as indented triple-quoted strings;
 * after `textwrap.dedent` they are a newline, the lines, and a newline.
 */
export function docLines(...lines: string[]): string {
  return '\n' + lines.join('\n') + '\n';
}
