/**
 * `OpcodeStats` of summarize_stats.py: one prefix's families (`opcode[NAME].rest` grouped
 * as name → rest → value, both in data order) and the script's getters over them.
 */
import { ReportDataError } from './errors.js';
import { sortByCodePoints } from './python-order.js';

/** Keys of a family's sub-dict that make up its specialization total. */
const TOTAL_KINDS = ['specialization.hit', 'specialization.miss', 'execution_count'] as const;

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

export function stripDots(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '.') start++;
  while (end > start && s[end - 1] === '.') end--;
  return s.slice(start, end);
}
