/**
 * Comparison mode: a table's base rows and head rows joined on their first cell, with the
 * header and row shape of the join mode, and the sort by size of change.
 */
import { diffRatio, joinKey, Ratio, type Cell, type Row } from './cells.js';
import { ReportDataError } from './errors.js';
import { JoinMode } from './model.js';

export interface JoinedTable {
  columns: string[];
  rows: Row[];
}

export function joinColumns(columns: readonly string[], mode: JoinMode): string[] {
  const [key, ...values] = columns;
  switch (mode) {
    case JoinMode.Simple:
      return [key, ...values.map((c) => 'Base ' + c), ...values.map((c) => 'Head ' + c)];
    case JoinMode.Change:
    case JoinMode.ChangeNoSort:
      return [key, ...values.map((c) => 'Base ' + c), ...values.map((c) => 'Head ' + c), 'Change:'];
    case JoinMode.ChangeOneColumn:
      return [key, 'Base ' + values[0], 'Head ' + values[0], 'Change:'];
  }
}

function joinRow(key: Cell, base: Row, head: Row, mode: JoinMode): Row {
  switch (mode) {
    case JoinMode.Simple:
      return [key, ...base, ...head];
    case JoinMode.Change:
    case JoinMode.ChangeNoSort:
      return [key, ...base, ...head, diffRatio(base[0], head[0])];
    case JoinMode.ChangeOneColumn:
      return [key, base[0], head[0], diffRatio(base[0], head[0])];
  }
}

function rowsByKey(rows: readonly Row[], side: string): Map<string, { key: Cell; rest: Row }> {
  const byKey = new Map<string, { key: Cell; rest: Row }>();
  for (const row of rows) byKey.set(joinKey(row[0]), { key: row[0], rest: row.slice(1) });
  if (byKey.size !== rows.length) throw new ReportDataError(`Duplicate keys in the ${side} rows of a comparison table`);
  return byKey;
}

/**
 * Base keys in base order, then head-only keys in head order; a missing side is filled
 * with "" cells. Change and ChangeOneColumn then sort by |change|, largest first, keeping
 * the join order for ties (rows with no change value count as 0).
 */
export function joinTables(columns: readonly string[], mode: JoinMode, baseRows: readonly Row[], headRows: readonly Row[]): JoinedTable {
  const missing: Row = new Array<Cell>(columns.length - 1).fill('');
  const base = rowsByKey(baseRows, 'base');
  const head = rowsByKey(headRows, 'head');
  const keys = [...base.keys(), ...[...head.keys()].filter((k) => !base.has(k))];
  let rows = keys.map((k) => {
    const b = base.get(k);
    const h = head.get(k);
    const key = (b ?? h)!.key;
    return joinRow(key, b?.rest ?? missing, h?.rest ?? missing, mode);
  });
  if (mode === JoinMode.Change || mode === JoinMode.ChangeOneColumn) {
    const size = (row: Row) => Math.abs(changeOf(row));
    rows = rows
      .map((row) => ({ row, size: size(row) }))
      .sort((a, b) => b.size - a.size)
      .map(({ row }) => row);
  }
  return { columns: joinColumns(columns, mode), rows };
}

function changeOf(row: Row): number {
  const change = row[row.length - 1];
  if (!(change instanceof Ratio)) throw new TypeError('a comparison row must end with its change ratio');
  return change.toFloat();
}
