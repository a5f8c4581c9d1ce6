/**
 * The 3.12 report (old-style summarize_stats.py): opcode numbers mapped to names with the
 * 3.12 `opname` table, pre-formatted ratios without grouping, pipe tables, and a separate,
 * smaller layout for comparisons. Each section is one builder in a list, as in the 3.13+
 * layout; the 3.12 script computes its joined rows itself, so builders return finished parts.
 */
import { ReportDataError } from './errors.js';
import { divideToDouble, formatFixed, formatPercent } from './format.js';
import { OPNAME_3_12, SPECIALIZED_INSTRUCTIONS_3_12 } from './opcodes-3.12.js';
import type { PipeCell, PipePart } from './render-pipe.js';
import { compareCodePoints, sortByCodePoints, type StatsView } from './stats-view.js';

type Family = ReadonlyMap<string, bigint>;
type PipeRow = PipeCell[];

const TOTAL_KINDS = ['specialization.hit', 'specialization.miss', 'execution_count'];

/** What every 3.12 section reads: the run, its 256 opcode families, names and tables. */
interface Run312 {
  stats: StatsView;
  families: Family[];
  opname: readonly string[];
  defines: ReadonlyMap<number, readonly string[]> | null;
  statsDefines: ReadonlyMap<number, readonly string[]> | null;
  specialized: ReadonlySet<string>;
}

/** `format_ratio`: "" for a zero denominator, else `f"{num/den:.1%}"` (no grouping). */
function formatRatio(num: bigint, den: bigint): string {
  return den === 0n ? '' : formatPercent(divideToDouble(num, den), 1, false);
}

function pretty(name: string): string {
  return name.replaceAll('_', ' ').toLowerCase();
}

/** Python `f"{value:>12}"`. */
function rightJustify12(text: string): string {
  return text.padStart(12, ' ');
}

function section(title: string, parts: PipePart[], options: { level?: number; summary?: string } = {}): PipePart {
  return { kind: 'section', title, level: options.level ?? 2, summary: options.summary ?? title.toLowerCase(), parts };
}

function pipeTable(columns: readonly string[], rows: PipeRow[]): PipePart {
  return { kind: 'table', columns, rows };
}

/** Descending by a tuple of bigints/strings, as Python compares tuples. Stable. */
function compareTuples(a: readonly (bigint | string)[], b: readonly (bigint | string)[]): number {
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

function prepare(stats: StatsView, shared?: { defines: Run312['defines']; statsDefines: Run312['statsDefines'] }): Run312 {
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

function totalExecutions(run: Run312): bigint {
  let total = 0n;
  for (const family of run.families) total += family.get('execution_count') ?? 0n;
  return total;
}

// ---------------------------------------------------------------- single report

function executionCountRows(run: Run312): PipeRow[] {
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
function pairCounts(run: Run312): Pair312[] {
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

function nameOf(run: Run312, index: number): string {
  const name = run.opname[index];
  if (name === undefined) throw new ReportDataError(`no 3.12 opcode name for number ${index} (IndexError)`);
  return name;
}

function pairSections(run: Run312): PipePart[] {
  const total = totalExecutions(run);
  const pairs = pairCounts(run);
  let cumulative = 0n;
  const top = pairs.slice(0, 100).map(({ count, first, second }): PipeRow => {
    cumulative += count;
    return [`${nameOf(run, first)} ${nameOf(run, second)}`, count, formatRatio(count, total), formatRatio(cumulative, total)];
  });

  // Counters filled in sorted pair order; `most_common` keeps that order for ties.
  const predecessors = new Map<number, Map<number, bigint>>();
  const successors = new Map<number, Map<number, bigint>>();
  for (const { count, first, second } of pairs) {
    getCounter(predecessors, second).set(first, count);
    getCounter(successors, first).set(second, count);
  }
  // `opmap`: name → number (a repeated name keeps its last number), sorted by name.
  const opmap = new Map<string, number>();
  run.opname.forEach((name, i) => opmap.set(name, i));
  const perOpcode: PipePart[] = [];
  for (const [name, i] of sortByCodePoints([...opmap], ([key]) => key)) {
    const preds = predecessors.get(i) ?? new Map<number, bigint>();
    const succs = successors.get(i) ?? new Map<number, bigint>();
    const predTotal = sumValues(preds);
    const succTotal = sumValues(succs);
    if (predTotal === 0n && succTotal === 0n) continue;
    const rowsOf = (counter: Map<number, bigint>, total: bigint): PipeRow[] =>
      total === 0n ? [] : mostCommon(counter, 5).map(([other, count]) => [nameOf(run, other), count, formatPercent(divideToDouble(count, total), 1, false)]);
    perOpcode.push(
      section(
        name,
        [pipeTable(['Predecessors', 'Count:', 'Percentage:'], rowsOf(preds, predTotal)), pipeTable(['Successors', 'Count:', 'Percentage:'], rowsOf(succs, succTotal))],
        { level: 3, summary: `Successors and predecessors for ${name}` },
      ),
    );
  }
  return [
    section('Pair counts', [pipeTable(['Pair', 'Count:', 'Self:', 'Cumulative:'], top)], { summary: 'Pair counts for top 100 pairs' }),
    section('Predecessor/Successor Pairs', perOpcode, { summary: 'Top 5 predecessors and successors of each opcode' }),
  ];
}

function getCounter(table: Map<number, Map<number, bigint>>, key: number): Map<number, bigint> {
  let c = table.get(key);
  if (!c) table.set(key, (c = new Map()));
  return c;
}

function sumValues(counter: ReadonlyMap<unknown, bigint>): bigint {
  let total = 0n;
  for (const v of counter.values()) total += v;
  return total;
}

function mostCommon(counter: ReadonlyMap<number, bigint>, n: number): Array<[number, bigint]> {
  return [...counter].sort(([, a], [, b]) => (a === b ? 0 : a < b ? 1 : -1)).slice(0, n);
}

function familyTotal(family: Family): bigint {
  let total = 0n;
  for (const kind of TOTAL_KINDS) total += family.get(kind) ?? 0n;
  return total;
}

/** Kind rows: labels and values right-justified to 12 characters, without grouping. */
function specializationRows(family: Family, total: bigint): PipeRow[] {
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

function successFailureRows(family: Family): PipeRow[] {
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
function failureKindRows(run: Run312, name: string, family: Family): PipeRow[] {
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

function specializationSection(run: Run312): PipePart {
  const families: PipePart[] = [];
  run.families.forEach((family, i) => {
    if (!family.has('specializable')) return;
    const total = familyTotal(family);
    if (total === 0n) return;
    const name = nameOf(run, i);
    const parts: PipePart[] = [pipeTable(['Kind', 'Count', 'Ratio'], specializationRows(family, total))];
    const attempts = successFailureRows(family);
    if (attempts.length > 0) {
      parts.push(
        { kind: 'title', text: 'Specialization attempts', level: 4 },
        pipeTable(['', 'Count:', 'Ratio:'], attempts),
        pipeTable(['Failure kind', 'Count:', 'Ratio:'], failureKindRows(run, name, family)),
      );
    }
    families.push(section(name, parts, { level: 3, summary: `specialization stats for ${name} family` }));
  });
  return section('Specialization stats', families, { summary: 'specialization stats by family' });
}

/** Basic / Not specialized (specializable counts plus misses of specialized ones) / Specialized. */
function effectivenessRows(run: Run312): PipeRow[] {
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

function effectivenessSection(run: Run312): PipePart {
  const parts: PipePart[] = [pipeTable(['Instructions', 'Count:', 'Ratio:'], effectivenessRows(run))];
  for (const [title, field] of [
    ['Deferred', 'specialization.deferred'],
    ['Misses', 'specialization.miss'],
  ]) {
    const counts: Array<[bigint, string]> = [];
    let total = 0n;
    run.families.forEach((family, i) => {
      // Misses of specializable instructions are already counted by their specializations.
      if (title === 'Misses' && family.has('specializable')) return;
      const value = family.get(field) ?? 0n;
      counts.push([value, run.opname[i]]);
      total += value;
    });
    if (total === 0n) continue;
    counts.sort((a, b) => compareTuples(b, a));
    parts.push(
      section(`${title} by instruction`, [pipeTable(['Name', 'Count:', 'Ratio:'], counts.slice(0, 10).map(([count, name]) => [name, count, formatRatio(count, total)]))], {
        level: 3,
      }),
    );
  }
  return section('Specialization effectiveness', parts);
}

/** Calls rows in data order (`Calls to …` first, each kind labelled), then `Frame…` rows. */
function callRows(run: Run312): PipeRow[] {
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

function objectRows(run: Run312): PipeRow[] {
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

const CALL_STATS_SUMMARY = 'Inlined calls and frame stats';
const OBJECT_STATS_SUMMARY = 'allocations, frees and dict materializatons';

/** The single-run 3.12 report, section by section. */
export function singleParts312(stats: StatsView): PipePart[] {
  const run = prepare(stats);
  return [
    section('Execution counts', [pipeTable(['Name', 'Count:', 'Self:', 'Cumulative:', 'Miss ratio:'], executionCountRows(run))], {
      summary: 'execution counts for all instructions',
    }),
    ...pairSections(run),
    specializationSection(run),
    effectivenessSection(run),
    section('Call stats', [pipeTable(['', 'Count:', 'Ratio:'], callRows(run))], { summary: CALL_STATS_SUMMARY }),
    section('Object stats', [pipeTable(['', 'Count:', 'Ratio:'], objectRows(run))], { summary: OBJECT_STATS_SUMMARY }),
    section('Meta stats', [pipeTable(['', 'Count:'], [['Number of data files', stats.require('__nfiles__', 'the 3.12 meta table reads it')]])], {
      summary: 'Meta statistics',
    }),
  ];
}

// ---------------------------------------------------------------- comparison

/** `join_rows`: key, base cells, head cells; base keys first, "" for a missing side. */
function joinRows(baseRows: PipeRow[], headRows: PipeRow[]): PipeRow[] {
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
function comparativeExecutionRows(base: Run312, head: Run312): PipeRow[] {
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

function comparativeSpecializationSection(base: Run312, head: Run312): PipePart {
  const families: PipePart[] = [];
  base.families.forEach((baseFamily, i) => {
    const headFamily = head.families[i];
    if (!baseFamily.has('specializable')) return;
    const baseTotal = familyTotal(baseFamily);
    const headTotal = familyTotal(headFamily);
    if (baseTotal + headTotal === 0n) return;
    const name = nameOf(base, i);
    const parts: PipePart[] = [
      pipeTable(['Kind', 'Base Count', 'Base Ratio', 'Head Count', 'Head Ratio'], joinRows(specializationRows(baseFamily, baseTotal), specializationRows(headFamily, headTotal))),
    ];
    const attempts = joinRows(successFailureRows(baseFamily), successFailureRows(headFamily));
    if (attempts.length > 0) {
      parts.push(
        { kind: 'title', text: 'Specialization attempts', level: 4 },
        pipeTable(['', 'Base Count:', 'Base Ratio:', 'Head Count:', 'Head Ratio:'], attempts),
        pipeTable(
          ['Failure kind', 'Base Count:', 'Base Ratio:', 'Head Count:', 'Head Ratio:'],
          joinRows(failureKindRows(base, name, baseFamily), failureKindRows(head, name, headFamily)),
        ),
      );
    }
    families.push(section(name, parts, { level: 3, summary: `specialization stats for ${name} family` }));
  });
  return section('Specialization stats', families, { summary: 'specialization stats by family' });
}

const JOINED_COLUMNS = ['Base Count:', 'Base Ratio:', 'Head Count:', 'Head Ratio:'];

/** Call rows joined, sorted by the head ratio, largest first (an empty one stops the script). */
function comparativeCallRows(base: Run312, head: Run312): PipeRow[] {
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

/** The 3.12 comparison: execution counts, families, effectiveness, calls, objects. */
export function comparisonParts312(baseStats: StatsView, headStats: StatsView): PipePart[] {
  // The script reads SPEC_FAIL_*/EVAL_CALL_* names once from its source tree for both runs.
  const shared = {
    defines: headStats.defines ?? baseStats.defines,
    statsDefines: headStats.statsDefines ?? baseStats.statsDefines,
  };
  const base = prepare(baseStats, shared);
  const head = prepare(headStats, shared);
  return [
    section('Execution counts', [pipeTable(['Name', 'Base Count:', 'Head Count:', 'Change:'], comparativeExecutionRows(base, head))], {
      summary: 'execution counts for all instructions',
    }),
    comparativeSpecializationSection(base, head),
    section('Specialization effectiveness', [pipeTable(['Instructions', ...JOINED_COLUMNS], joinRows(effectivenessRows(base), effectivenessRows(head)))]),
    section('Call stats', [pipeTable(['', ...JOINED_COLUMNS], comparativeCallRows(base, head))], { summary: CALL_STATS_SUMMARY }),
    section('Object stats', [pipeTable(['', ...JOINED_COLUMNS], joinRows(objectRows(base), objectRows(head)))], { summary: OBJECT_STATS_SUMMARY }),
  ];
}
