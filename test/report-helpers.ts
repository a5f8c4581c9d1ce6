/** Small builders and readers for report tests on synthetic runs. */
import type { DefinesTable, RunStats } from '../schemas/run-stats.js';

export function runOf(
  counters: Array<[string, bigint | number]>,
  extras: Partial<Pick<RunStats, 'specializedInstructions' | 'statsDefines' | 'defines' | 'metadata'>> = {},
): RunStats {
  return {
    keys: counters.map(([k]) => k),
    values: counters.map(([, v]) => BigInt(v)),
    specializedInstructions: extras.specializedInstructions ?? [],
    statsDefines: extras.statsDefines ?? ([[0, ['TOTAL']]] as DefinesTable),
    defines: extras.defines ?? ([[0, ['OTHER']]] as DefinesTable),
    metadata: extras.metadata ?? null,
  };
}

/** Every counter the optimization tables read, zero unless given. */
export function optimizationCounters(overrides: Record<string, number> = {}): Array<[string, number]> {
  const keys = [
    'Optimization attempts',
    'Optimization traces created',
    'Optimization traces executed',
    'Optimization uops executed',
    'Optimization trace stack overflow',
    'Optimization trace stack underflow',
    'Optimization trace too long',
    'Optimization trace too short',
    'Optimization inner loop',
    'Optimization recursive call',
    'Optimization low confidence',
    'Executors invalidated',
    'Optimization optimizer attempts',
    'Optimization optimizer successes',
    'Optimization optimizer failure no memory',
    'Optimizer remove globals builtins changed',
    'Optimizer remove globals incorrect keys',
  ];
  return keys.map((k) => [k, overrides[k] ?? 0]);
}

/** The cell texts of each body row of the HTML table that starts at `tableAt`. */
function rowsOfTableAt(markdown: string, tableAt: number): string[][] {
  const bodyAt = markdown.indexOf('<tbody>\n', tableAt) + '<tbody>\n'.length;
  const body = markdown.slice(bodyAt, markdown.indexOf('</tbody>', bodyAt));
  return body
    .split('<tr>\n')
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => [...chunk.matchAll(/<td align="(?:left|right)">([\s\S]*?)<\/td>\n/g)].map((m) => m[1]));
}

/**
 * The rows of the first HTML table after a heading line, e.g. "### Misses by instruction".
 * Null when the section closes before any table.
 */
export function tableAfter(markdown: string, heading: string): string[][] | null {
  const start = markdown.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`no heading ${JSON.stringify(heading)}`);
  const tableAt = markdown.indexOf('<table>', start);
  const closeAt = markdown.indexOf('</details>', start);
  if (tableAt < 0 || (closeAt >= 0 && closeAt < tableAt)) return null;
  return rowsOfTableAt(markdown, tableAt);
}

/** The rows of the first table (after `from`) whose first header cell is `header`. */
export function tableHeaded(markdown: string, header: string, from = 0): string[][] | null {
  const at = markdown.indexOf(`<tr>\n<th align="left">${header}</th>\n`, from);
  return at < 0 ? null : rowsOfTableAt(markdown, markdown.lastIndexOf('<table>', at));
}

/** The first column of a table after a heading. */
export function firstColumn(markdown: string, heading: string): string[] {
  return (tableAfter(markdown, heading) ?? []).map((row) => row[0]);
}
