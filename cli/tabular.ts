/**
 * Rows out to the terminal or a file: an aligned text table, CSV (csv-stringify) or a
 * JSON array of objects. 64-bit counters arrive as BigInt and are written digit for digit.
 */
import { stringify } from 'csv-stringify/sync';
import { terminalSafe } from './terminal-text.js';
import { pythonJsonDumps } from '../pipeline/json/python-json.js';
import { jsonObject, type JsonValue } from '../schemas/run-stats.js';

export type TabularFormat = 'table' | 'csv' | 'json';

export function formatRows(columns: readonly string[], rows: readonly (readonly unknown[])[], format: TabularFormat): string {
  if (format === 'json') {
    const objects = rows.map((r) => jsonObject(columns.map((c, i) => [c, toJson(r[i])])));
    return pythonJsonDumps(objects, 2) + '\n';
  }
  const cells = rows.map((r) => r.map(toText));
  if (format === 'csv') return stringify([columns as string[], ...cells]);
  // The table is for a terminal: control characters from the store are shown escaped.
  return alignedTable(columns.map(terminalSafe), cells.map((r) => r.map(terminalSafe)));
}

function alignedTable(columns: readonly string[], cells: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const numeric = columns.map((_, i) => cells.length > 0 && cells.every((r) => r[i] === '' || /^-?[\d.]+$/.test(r[i])));
  const line = (r: readonly string[]) =>
    r.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

function toJson(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') return jsonObject(Object.entries(v as object).map(([k, x]) => [k, toJson(x)]));
  return String(v);
}
