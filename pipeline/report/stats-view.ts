/**
 * One run's counters indexed once for the report: lookups by key, the script's
 * prefix grouping (`opcode[NAME].rest`, `uops[...]`, …) in first-appearance order, and
 * the metadata tables. Every method mirrors a summarize_stats.py helper, including its
 * accidents (see `opcodeStats` on the `uop` prefix).
 */
import type { RunStats } from '../../schemas/run-stats.js';
import { ReportDataError } from './errors.js';

/** Keys of a family's sub-dict that make up its specialization total. */
const TOTAL_KINDS = ['specialization.hit', 'specialization.miss', 'execution_count'] as const;

export class StatsView {
  /** Stats keys in first-appearance order, without duplicates. */
  readonly keys: readonly string[];
  private readonly values = new Map<string, bigint>();
  private readonly grouped = new Map<string, OpcodeStats>();
  readonly defines: ReadonlyMap<number, readonly string[]> | null;
  readonly statsDefines: ReadonlyMap<number, readonly string[]> | null;
  readonly specializedInstructions: readonly string[] | null;

  constructor(readonly run: RunStats) {
    const keys: string[] = [];
    run.keys.forEach((key, i) => {
      // A repeated key behaves as in a Python dict: first position, last value.
      if (!this.values.has(key)) keys.push(key);
      this.values.set(key, run.values[i]);
    });
    this.keys = keys;
    this.defines = run.defines ? new Map(run.defines) : null;
    this.statsDefines = run.statsDefines ? new Map(run.statsDefines) : null;
    this.specializedInstructions = run.specializedInstructions;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** `Stats.get`: 0 when absent. */
  get(key: string): bigint {
    return this.values.get(key) ?? 0n;
  }

  /** `self._data[key]`: the script raises KeyError when the key is absent. */
  require(key: string, why: string): bigint {
    const value = this.values.get(key);
    if (value === undefined) throw new ReportDataError(`missing counter ${JSON.stringify(key)} (${why})`);
    return value;
  }

  *entries(): IterableIterator<[string, bigint]> {
    for (const key of this.keys) yield [key, this.values.get(key) as bigint];
  }

  /** Entries sorted by key code point, as `sorted(data.items())` orders them. */
  sortedEntries(): Array<[string, bigint]> {
    return sortByCodePoints([...this.entries()], ([key]) => key);
  }

  /**
   * `Stats.get_opcode_stats(prefix)`: every key starting with `prefix`, grouped by the text
   * between the character after the prefix and the first `]`. This is a plain prefix test,
   * so `uop` also captures `uops[_X].execution_count` under the odd name `[_X`; the script's
   * uop pair-count ratios depend on that.
   */
  opcodeStats(prefix: string): OpcodeStats {
    let stats = this.grouped.get(prefix);
    if (!stats) {
      const families = new Map<string, Map<string, bigint>>();
      for (const [key, value] of this.entries()) {
        if (!key.startsWith(prefix)) continue;
        const tail = key.slice(prefix.length + 1);
        const close = tail.indexOf(']');
        const name = close < 0 ? tail : tail.slice(0, close);
        const rest = close < 0 ? '' : stripDots(tail.slice(close + 1));
        let family = families.get(name);
        if (!family) families.set(name, (family = new Map()));
        family.set(rest, value);
      }
      stats = new OpcodeStats(families);
      this.grouped.set(prefix, stats);
    }
    return stats;
  }

  /** `_defines[kind]`, or a clear error when the run carries no `_defines` at all. */
  defineNames(kind: number): readonly string[] | undefined {
    if (!this.defines) throw new ReportDataError('this run has no _defines table (SPEC_FAIL_* names); the caller must supply one for its version');
    return this.defines.get(kind);
  }

  statsDefineNames(index: number): readonly string[] | undefined {
    if (!this.statsDefines) throw new ReportDataError('this run has no _stats_defines table (EVAL_CALL_* names); the caller must supply one for its version');
    return this.statsDefines.get(index);
  }
}

export interface PairCount {
  first: string;
  second: string;
  count: bigint;
}

/** `OpcodeStats`: one prefix's families (name → rest → value), both in data order. */
export class OpcodeStats {
  private predSucc: { predecessors: Map<string, Map<string, bigint>>; successors: Map<string, Map<string, bigint>> } | null = null;

  constructor(private readonly families: ReadonlyMap<string, ReadonlyMap<string, bigint>>) {}

  names(): string[] {
    return [...this.families.keys()];
  }

  has(name: string): boolean {
    return this.families.has(name);
  }

  family(name: string): ReadonlyMap<string, bigint> {
    return this.families.get(name) ?? new Map();
  }

  /** Non-zero `pair_count[Y]` entries under each X, X in data order then key order. */
  pairCounts(): PairCount[] {
    const pairs = new Map<string, PairCount>();
    for (const [first, family] of this.families) {
      for (const [key, count] of family) {
        if (count === 0n || !key.startsWith('pair_count')) continue;
        const tail = key.slice('pair_count'.length + 1);
        const close = tail.indexOf(']');
        const second = close < 0 ? tail : tail.slice(0, close);
        // A dict keyed by (first, second): a repeat keeps its place and takes the new count.
        const id = `${first}\u0000${second}`;
        const existing = pairs.get(id);
        if (existing) existing.count = count;
        else pairs.set(id, { first, second, count });
      }
    }
    return [...pairs.values()];
  }

  totalExecutionCount(): bigint {
    let total = 0n;
    for (const family of this.families.values()) total += family.get('execution_count') ?? 0n;
    return total;
  }

  /** Names with an `execution_count`; the miss counts only for non-specializable names. */
  executionCounts(): Array<{ name: string; count: bigint; miss: bigint }> {
    const out: Array<{ name: string; count: bigint; miss: bigint }> = [];
    for (const [name, family] of this.families) {
      const count = family.get('execution_count');
      if (count === undefined) continue;
      const miss = family.has('specializable') ? 0n : family.get('specialization.miss') ?? 0n;
      out.push({ name, count, miss });
    }
    return out;
  }

  /** Counters of predecessors and successors, filled in pair data order. */
  private predecessorsAndSuccessors() {
    if (!this.predSucc) {
      const predecessors = new Map<string, Map<string, bigint>>();
      const successors = new Map<string, Map<string, bigint>>();
      for (const { first, second, count } of this.pairCounts()) {
        counter(predecessors, second).set(first, count);
        counter(successors, first).set(second, count);
      }
      this.predSucc = { predecessors, successors };
    }
    return this.predSucc;
  }

  predecessors(name: string): ReadonlyMap<string, bigint> {
    return this.predecessorsAndSuccessors().predecessors.get(name) ?? new Map();
  }

  successors(name: string): ReadonlyMap<string, bigint> {
    return this.predecessorsAndSuccessors().successors.get(name) ?? new Map();
  }

  specializationTotal(name: string): bigint {
    const family = this.family(name);
    let total = 0n;
    for (const kind of TOTAL_KINDS) total += family.get(kind) ?? 0n;
    return total;
  }

  /**
   * `get_specialization_counts`: the family's keys in sorted order, minus success, failure,
   * failure kinds, execution count, specializable and pair counts; labelled without the
   * `specialization.` prefix.
   */
  specializationCounts(name: string): Array<[label: string, value: bigint]> {
    const out: Array<[string, bigint]> = [];
    const sorted = sortByCodePoints([...this.family(name)], ([key]) => key);
    for (const [key, value] of sorted) {
      let label: string;
      if (key.startsWith('specialization.')) {
        label = key.slice('specialization.'.length);
        if (label === 'success' || label === 'failure' || label.startsWith('failure_kinds')) continue;
      } else if (key === 'execution_count' || key === 'specializable' || key.startsWith('pair')) {
        continue;
      } else {
        label = key;
      }
      // The script fills a dict, so a label seen twice keeps its first place.
      const existing = out.find(([l]) => l === label);
      if (existing) existing[1] = value;
      else out.push([label, value]);
    }
    return out;
  }

  successAndFailure(name: string): Array<[label: 'Success' | 'Failure', value: bigint]> {
    const family = this.family(name);
    return [
      ['Success', family.get('specialization.success') ?? 0n],
      ['Failure', family.get('specialization.failure') ?? 0n],
    ];
  }

  failureTotal(name: string): bigint {
    return this.family(name).get('specialization.failure') ?? 0n;
  }

  /** `specialization.failure_kinds[j]` values as (j, value) in key order. */
  failureKindEntries(name: string): Array<[index: number, value: bigint]> {
    const out: Array<[number, bigint]> = [];
    for (const [key, value] of this.family(name)) {
      if (!key.startsWith('specialization.failure_kind')) continue;
      // `int(key[:-1].split("[")[1])`
      const digits = key.slice(0, -1).split('[')[1];
      const index = digits !== undefined && /^\s*[+-]?\d+\s*$/.test(digits) ? Number(digits) : NaN;
      if (Number.isNaN(index)) throw new ReportDataError(`cannot read a failure-kind index from ${JSON.stringify(key)} of ${name}`);
      out.push([index, value]);
    }
    return out;
  }

  isSpecializable(name: string): boolean {
    return this.family(name).has('specializable');
  }

  /** `get_specialized_total_counts`: basic, hits, misses, not specialized. */
  specializedTotals(specialized: readonly string[]): { basic: bigint; hits: bigint; misses: bigint; notSpecialized: bigint } {
    const specializedSet = new Set(specialized);
    let basic = 0n;
    let hits = 0n;
    let misses = 0n;
    let notSpecialized = 0n;
    for (const [name, family] of this.families) {
      const count = family.get('execution_count');
      if (count === undefined) continue;
      if (family.has('specializable')) {
        notSpecialized += count;
      } else if (specializedSet.has(name)) {
        const miss = family.get('specialization.miss') ?? 0n;
        hits += count - miss;
        misses += miss;
      } else {
        basic += count;
      }
    }
    return { basic, hits, misses, notSpecialized };
  }

  /** `specialization.deferred` for every name but RESUME (0 when absent), in data order. */
  deferredCounts(): Array<[string, bigint]> {
    return this.names()
      .filter((name) => name !== 'RESUME')
      .map((name) => [name, this.family(name).get('specialization.deferred') ?? 0n]);
  }

  /** `specialization.miss` for every non-specializable name (0 when absent), in data order. */
  missesCounts(): Array<[string, bigint]> {
    return this.names()
      .filter((name) => !this.isSpecializable(name))
      .map((name) => [name, this.family(name).get('specialization.miss') ?? 0n]);
  }

  /** Non-zero `count` entries (unsupported opcodes, optimizer errors), in data order. */
  opcodeCounts(): Array<[string, bigint]> {
    const out: Array<[string, bigint]> = [];
    for (const [name, family] of this.families) {
      const count = family.get('count') ?? 0n;
      if (count !== 0n) out.push([name, count]);
    }
    return out;
  }
}

function counter(table: Map<string, Map<string, bigint>>, name: string): Map<string, bigint> {
  let c = table.get(name);
  if (!c) table.set(name, (c = new Map()));
  return c;
}

function stripDots(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '.') start++;
  while (end > start && s[end - 1] === '.') end--;
  return s.slice(start, end);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Python's str ordering, by code point. JS `<` compares UTF-16 units, which agrees except
 * when a surrogate pair meets a character above U+D7FF, so only that case takes the slow path.
 */
export function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i].codePointAt(0) as number;
    const y = cb[i].codePointAt(0) as number;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

/**
 * Sorts `items` in place by the code points of `key(item)`, as Python's sorted() orders
 * str. Whether any key holds a surrogate is asked once, not in every comparison: sorting
 * a run's 2,000 keys compared them 25,000 times, each with two regular-expression tests.
 */
export function sortByCodePoints<T>(items: T[], key: (item: T) => string): T[] {
  const byUnits = !items.some((item) => SURROGATE.test(key(item)));
  return items.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    return byUnits ? (a < b ? -1 : a > b ? 1 : 0) : compareCodePoints(a, b);
  });
}

/** Descending by a bigint, stable (Python `sorted(..., reverse=True)` keeps ties in order). */
export function sortDescendingBy<T>(items: readonly T[], key: (item: T) => bigint): T[] {
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka === kb ? 0 : ka < kb ? 1 : -1;
  });
}
