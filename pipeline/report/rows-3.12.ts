/**
 * What the 3.12 summarize_stats.py computes from one run, before any layout: its 256
 * opcode families (numbers mapped to names with the 3.12 `opname` table), and each
 * table's rows as the old script builds them, pre-formatted (ratios without grouping,
 * labels right-justified), plus its own join of two runs' rows for comparisons.
 * layout-3.12.ts arranges these rows into the report's sections.
 */
import { ReportDataError } from './errors.js';
import { divideToDouble, formatFixed, formatPercent } from './format.js';
import { OPNAME_3_12, SPECIALIZED_INSTRUCTIONS_3_12 } from './opcodes-3.12.js';
import { compareCodePoints, pretty, sortByCodePoints } from './python-order.js';
import type { PipeCell } from './render-pipe.js';
import type { Stats } from './stats.js';

export type Family = ReadonlyMap<string, bigint>;
export type PipeRow = PipeCell[];

const TOTAL_KINDS = ['specialization.hit', 'specialization.miss', 'execution_count'];

/** What every 3.12 section reads: the run, its 256 opcode families, names and tables. */
export interface Run312 {
  stats: Stats;
  families: Family[];
  opname: readonly string[];
  defines: ReadonlyMap<number, readonly string[]> | null;
  statsDefines: ReadonlyMap<number, readonly string[]> | null;
  specialized: ReadonlySet<string>;
}

/** `format_ratio`: "" for a zero denominator, else `f"{num/den:.1%}"` (no grouping). */
export function formatRatio(num: bigint, den: bigint): string {
  return den === 0n ? '' : formatPercent(divideToDouble(num, den), 1, false);
}


/** Python `f"{value:>12}"`. */
function rightJustify12(text: string): string {
  return text.padStart(12, ' ');
}

/** Descending by a tuple of bigints/strings, as Python compares tuples. Stable. */
export function compareTuples(a: readonly (bigint | string)[], b: readonly (bigint | string)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'string') return compareCodePoints(x, y);
    if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : 1;
    throw new ReportDataError('cannot order a number against a name (TypeError)');
  }
  return a.length - b.length;
}

export function prepare(stats: Stats, shared?: { defines: Run312['defines']; statsDefines: Run312['statsDefines'] }): Run312 {
  const families: Array<Map<string, bigint>> = Array.from({ length: 256 }, () => new Map());
  for (const [key, value] of stats.entries()) {
    if (!key.startsWith('opcode')) continue;
    const tail = key.slice(7);
    const close = tail.indexOf(']');
    const number = close < 0 ? tail : tail.slice(0, close);
    if (!/^\s*\d+\s*$/.test(number)) throw new ReportDataError(`${JSON.stringify(key)} is not a 3.12 opcode key (opcode numbers, not names)`);
    const index = Number(number);
    if (index >= 256) throw new ReportDataError(`opcode number ${index} in ${JSON.stringify(key)} is out of range (IndexError)`);
    const rest = close < 0 ? '' : tail.slice(close + 1).replace(/^\.+|\.+$/g, '');
    families[index].set(rest, value);
  }
  const specialized = (stats.specializedInstructions ?? SPECIALIZED_INSTRUCTIONS_3_12).filter((name) => !name.includes('__'));
  return {
    stats,
    families,
    opname: OPNAME_3_12,
    defines: shared?.defines ?? stats.defines,
    statsDefines: shared?.statsDefines ?? stats.statsDefines,
    specialized: new Set(specialized),
  };
}

export function totalExecutions(run: Run312): bigint {
  let total = 0n;
  for (const family of run.families) total += family.get('execution_count') ?? 0n;
  return total;
}

export function executionCountRows(run: Run312): PipeRow[] {
  const total = totalExecutions(run);
  const counts: Array<{ count: bigint; name: string; miss: bigint | null }> = [];
  run.families.forEach((family, i) => {
    const count = family.get('execution_count');
    if (count === undefined) return;
    // `opcode_stat.get("specialization.miss")`: None when absent, which prints as "".
    const miss = family.has('specializable') ? 0n : family.get('specialization.miss') ?? null;
    counts.push({ count, name: run.opname[i], miss });
  });
  counts.sort((a, b) => compareTuples([b.count, b.name], [a.count, a.name]));
  let cumulative = 0n;
  return counts.map(({ count, name, miss }) => {
    cumulative += count;
    return [name, count, formatRatio(count, total), formatRatio(cumulative, total), miss ? formatRatio(miss, count) : ''];
  });
}

interface Pair312 {
  count: bigint;
  first: number;
  second: number;
}

/** Non-zero pair counts of opcodes 1..255, sorted by (count, first, second) descending. */
export function pairCounts(run: Run312): Pair312[] {
  const pairs: Pair312[] = [];
  run.families.forEach((family, i) => {
    if (i === 0) return;
    for (const [key, value] of family) {
      if (!key.startsWith('pair_count') || value === 0n) continue;
      const tail = key.slice(11);
      const close = tail.indexOf(']');
      const second = Number(close < 0 ? tail : tail.slice(0, close));
      if (!Number.isInteger(second)) throw new ReportDataError(`cannot read the second opcode of ${JSON.stringify(key)}`);
      pairs.push({ count: value, first: i, second });
    }
  });
  return pairs.sort((a, b) => (a.count !== b.count ? (a.count < b.count ? 1 : -1) : a.first !== b.first ? b.first - a.first : b.second - a.second));
}

export function nameOf(run: Run312, index: number): string {
  const name = run.opname[index];
  if (name === undefined) throw new ReportDataError(`no 3.12 opcode name for number ${index} (IndexError)`);
  return name;
}

export function getCounter(table: Map<number, Map<number, bigint>>, key: number): Map<number, bigint> {
  let c = table.get(key);
  if (!c) table.set(key, (c = new Map()));
  return c;
}



export function familyTotal(family: Family): bigint {
  let total = 0n;
  for (const kind of TOTAL_KINDS) total += family.get(kind) ?? 0n;
  return total;
}

/** Kind rows: labels and values right-justified to 12 characters, without grouping. */
export function specializationRows(family: Family, total: bigint): PipeRow[] {
  const rows: PipeRow[] = [];
  for (const key of sortByCodePoints([...family.keys()], (k) => k)) {
    if (key.startsWith('specialization.failure_kinds')) continue;
    let label: string;
    if (key === 'specialization.hit' || key === 'specialization.miss') label = key.slice('specialization.'.length);
    else if (key === 'execution_count' || key === 'specialization.success' || key === 'specialization.failure' || key === 'specializable') continue;
    else if (key.startsWith('pair')) continue;
    else label = key;
    const value = family.get(key) as bigint;
    rows.push([rightJustify12(label), rightJustify12(value.toString()), formatRatio(value, total)]);
  }
  return rows;
}

export function successFailureRows(family: Family): PipeRow[] {
  const success = family.get('specialization.success') ?? 0n;
  const failure = family.get('specialization.failure') ?? 0n;
  const attempts = success + failure;
  if (attempts === 0n) return [];
  return [
    ['Success', success, formatRatio(success, attempts)],
    ['Failure', failure, formatRatio(failure, attempts)],
  ];
}

function kindToText(run: Run312, kind: number, opname: string): string {
  const names = (() => {
    if (!run.defines) throw new ReportDataError('this 3.12 run has no _defines table (SPEC_FAIL_* names of 3.12 specialize.c); the caller must supply one');
    return run.defines.get(kind) ?? [];
  })();
  if (kind <= 8) {
    if (names.length === 0) throw new ReportDataError(`_defines has no name for failure kind ${kind} (${opname}) (IndexError)`);
    return pretty(names[0]);
  }
  let family = opname;
  if (opname === 'LOAD_SUPER_ATTR') family = 'SUPER';
  else if (opname.endsWith('ATTR')) family = 'ATTR';
  else if (opname === 'FOR_ITER' || opname === 'SEND') family = 'ITER';
  else if (opname.endsWith('SUBSCR')) family = 'SUBSCR';
  for (const name of names) if (name.startsWith(family)) return pretty(name.slice(family.length + 1));
  return `kind ${kind}`;
}

/** Failure kinds sorted by (value, index) descending; no merging of equal labels in 3.12. */
export function failureKindRows(run: Run312, name: string, family: Family): PipeRow[] {
  const failures = family.get('specialization.failure') ?? 0n;
  const kinds: bigint[] = new Array<bigint>(40).fill(0n);
  for (const [key, value] of family) {
    if (!key.startsWith('specialization.failure_kind')) continue;
    const parts = key.slice(0, -1).split('[');
    const index = parts.length === 2 ? Number(parts[1]) : NaN;
    if (!Number.isInteger(index) || index < 0 || index >= 40) throw new ReportDataError(`failure kind in ${JSON.stringify(key)} of ${name} does not fit the script's list of 40 (IndexError)`);
    kinds[index] = value;
  }
  return kinds
    .map((value, index) => ({ value, index }))
    .sort((a, b) => (a.value !== b.value ? (a.value < b.value ? 1 : -1) : b.index - a.index))
    .filter(({ value }) => value !== 0n)
    .map(({ value, index }) => [kindToText(run, index, name), value, formatRatio(value, failures)]);
}

/** Basic / Not specialized (specializable counts plus misses of specialized ones) / Specialized. */
export function effectivenessRows(run: Run312): PipeRow[] {
  const total = totalExecutions(run);
  let basic = 0n;
  let notSpecialized = 0n;
  let specialized = 0n;
  run.families.forEach((family, i) => {
    const count = family.get('execution_count');
    if (count === undefined) return;
    if (family.has('specializable')) {
      notSpecialized += count;
    } else if (run.specialized.has(run.opname[i])) {
      const miss = family.get('specialization.miss') ?? 0n;
      notSpecialized += miss;
      specialized += count - miss;
    } else {
      basic += count;
    }
  });
  return [
    ['Basic', basic, formatRatio(basic, total)],
    ['Not specialized', notSpecialized, formatRatio(notSpecialized, total)],
    ['Specialized', specialized, formatRatio(specialized, total)],
  ];
}

/** Calls rows in data order (`Calls to …` first, each kind labelled), then `Frame…` rows. */
export function callRows(run: Run312): PipeRow[] {
  let total = 0n;
  let sawCallsTo = false;
  for (const [key, value] of run.stats.entries()) {
    if (key.includes('Calls to')) {
      total += value;
      sawCallsTo = true;
    }
  }
  // The script only binds its row list on seeing a "Calls to" key.
  if (!sawCallsTo) throw new ReportDataError('no "Calls to" counter: the 3.12 call table cannot be built (UnboundLocalError)');
  const rows: PipeRow[] = [];
  for (const [key, value] of run.stats.entries()) {
    if (key.includes('Calls to')) {
      rows.push([key, value, formatRatio(value, total)]);
    } else if (key.startsWith('Calls ')) {
      const parts = key.slice(0, -1).split('[');
      const index = parts.length === 2 ? Number(parts[1]) : NaN;
      if (!Number.isInteger(index)) throw new ReportDataError(`cannot read a call-kind index from ${JSON.stringify(key)}`);
      if (!run.statsDefines) throw new ReportDataError('this 3.12 run has no _stats_defines table (EVAL_CALL_* names of 3.12 pystats.h); the caller must supply one');
      const names = run.statsDefines.get(index);
      if (!names || names.length === 0) throw new ReportDataError(`_stats_defines has no name for call kind ${index}`);
      rows.push([`${parts[0]} (${pretty(names[0])})`, value, formatRatio(value, total)]);
    }
  }
  for (const [key, value] of run.stats.entries()) {
    if (key.startsWith('Frame')) rows.push([key, value, formatRatio(value, total)]);
  }
  return rows;
}

export function objectRows(run: Run312): PipeRow[] {
  const { stats } = run;
  // `stats.get(key)` is None when absent: the sums fail, as does a ratio against None.
  const need = (key: string) => stats.require(key, 'the 3.12 object table adds it up');
  const allocations = need('Object allocations') + need('Object allocations from freelist');
  const increfs = need('Object interpreter increfs') + need('Object increfs');
  const decrefs = need('Object interpreter decrefs') + need('Object decrefs');
  const rows: PipeRow[] = [];
  for (const [key, value] of stats.entries()) {
    if (!key.startsWith('Object')) continue;
    let ratio: string;
    if (key.includes('materialize')) ratio = formatRatio(value, need('Object new values'));
    else if (key.includes('allocations')) ratio = formatRatio(value, allocations);
    else if (key.includes('increfs')) ratio = formatRatio(value, increfs);
    else if (key.includes('decrefs')) ratio = formatRatio(value, decrefs);
    else ratio = '';
    const label = key.slice(6).trim();
    if (label === '') throw new ReportDataError(`cannot label the object counter ${JSON.stringify(key)} (IndexError)`);
    rows.push([label[0].toUpperCase() + label.slice(1), value, ratio]);
  }
  return rows;
}

/** `join_rows`: key, base cells, head cells; base keys first, "" for a missing side. */
export function joinRows(baseRows: PipeRow[], headRows: PipeRow[]): PipeRow[] {
  if (baseRows.length === 0 && headRows.length === 0) return [];
  const width = (rows: PipeRow[], side: string): number | null => {
    if (rows.length === 0) return null;
    const widths = new Set(rows.map((r) => r.length));
    if (widths.size !== 1) throw new ReportDataError(`Table ${side} is ragged`);
    return rows[0].length;
  };
  const a = width(baseRows, 'a');
  const b = width(headRows, 'b');
  if (a !== null && b !== null && a !== b) throw new ReportDataError('Tables have different widths');
  const ncols = (a ?? b) as number;
  const missing: PipeRow = new Array<PipeCell>(ncols - 1).fill('');
  const byKey = (rows: PipeRow[]) => new Map(rows.map((r) => [keyOf(r[0]), r] as const));
  const base = byKey(baseRows);
  const head = byKey(headRows);
  if (base.size !== baseRows.length || head.size !== headRows.length) throw new ReportDataError('Duplicate keys');
  const keys = [...base.keys(), ...[...head.keys()].filter((k) => !base.has(k))];
  return keys.map((k) => {
    const row = (base.get(k) ?? head.get(k)) as PipeRow;
    return [row[0], ...(base.get(k)?.slice(1) ?? missing), ...(head.get(k)?.slice(1) ?? missing)];
  });
}

function keyOf(cell: PipeCell): string {
  return typeof cell === 'bigint' ? `n:${cell}` : `s:${cell}`;
}

/**
 * Execution counts of both runs with the change in percent, sorted by |rounded change|.
 * The script joins the names through a Python set, so its order among equal changes
 * depends on string hashing and cannot be reproduced; base order, then head-only names in
 * head order, is used instead.
 */
export function comparativeExecutionRows(base: Run312, head: Run312): PipeRow[] {
  const baseRows = new Map(executionCountRows(base).map((r) => [r[0] as string, r] as const));
  const headRows = new Map(executionCountRows(head).map((r) => [r[0] as string, r] as const));
  const names = [...baseRows.keys(), ...[...headRows.keys()].filter((n) => !baseRows.has(n))];
  const rows = names.map((name) => {
    const b = (baseRows.get(name)?.[1] as bigint | undefined) ?? 0n;
    const h = (headRows.get(name)?.[1] as bigint | undefined) ?? 0n;
    const change = b === 0n ? 1 : divideToDouble(h - b, b);
    const text = formatFixed(100 * change, 1, false) + '%';
    return { row: [name, b, h, text] as PipeRow, size: Math.abs(Number(text.slice(0, -1))) };
  });
  return rows.sort((x, y) => y.size - x.size).map(({ row }) => row);
}

/** Call rows joined, sorted by the head ratio, largest first (an empty one stops the script). */
export function comparativeCallRows(base: Run312, head: Run312): PipeRow[] {
  return joinRows(callRows(base), callRows(head))
    .map((row) => {
      const ratio = row[row.length - 1];
      const value = typeof ratio === 'string' && ratio.endsWith('%') ? Number(ratio.slice(0, -1)) : NaN;
      if (Number.isNaN(value)) throw new ReportDataError(`a call row (${String(row[0])}) has no head ratio to sort by (ValueError)`);
      return { row, value };
    })
    .sort((a, b) => b.value - a.value)
    .map(({ row }) => row);
}
