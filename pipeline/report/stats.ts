/**
 * summarize_stats.py's `Stats`: one run's counters indexed once, and every getter the
 * report's tables read (`get_opcode_stats`, `get_call_stats`, `get_object_stats`,
 * `get_gc_stats`, `get_histogram`, `get_rare_events`; the tier-2 getters are in
 * optimization-stats.ts). Each mirrors the script's helper, including its accidents (see
 * `opcodeStats` on the `uop` prefix). The layout (layout.ts) turns what they return into rows.
 */
import type { RunStats } from '../../schemas/run-stats.js';
import { ReportDataError } from './errors.js';
import { OpcodeStats, stripDots } from './opcode-stats.js';
import { pretty, sortByCodePoints } from './python-order.js';

export class Stats {
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

  /**
   * `get_call_stats`: a dict keyed by label, filled in sorted key order: `Calls to …`
   * counters, `Calls …[kind]` labelled with the kind's EVAL_CALL name, then `Frame…`.
   */
  callStats(): Map<string, bigint> {
    const byLabel = new Map<string, bigint>();
    const sorted = this.sortedEntries();
    for (const [key, value] of sorted) {
      if (key.includes('Calls to')) {
        byLabel.set(key, value);
      } else if (key.startsWith('Calls ')) {
        const parts = key.slice(0, -1).split('[');
        const index = parts.length === 2 && /^\s*[+-]?\d+\s*$/.test(parts[1]) ? Number(parts[1]) : NaN;
        if (Number.isNaN(index)) throw new ReportDataError(`cannot read a call-kind index from ${JSON.stringify(key)}`);
        const names = this.statsDefineNames(index);
        if (!names || names.length === 0) throw new ReportDataError(`_stats_defines has no name for call kind ${index} (${JSON.stringify(key)})`);
        byLabel.set(`${parts[0]} (${pretty(names[0])})`, value);
      }
    }
    for (const [key, value] of sorted) if (key.startsWith('Frame')) byLabel.set(key, value);
    return byLabel;
  }

  /**
   * `get_object_stats`: label → (value, denominator). The first matching word of the key
   * picks the denominator (materializations, allocations, increfs, decrefs); other
   * counters get none. Which keys make the refcount sums depends on the script version.
   */
  objectStats(materializationsKey: string, refcounts: { increfs: readonly string[]; decrefs: readonly string[] }): Map<string, [bigint, bigint | null]> {
    const materializations = this.get(materializationsKey);
    const allocations = this.get('Object allocations') + this.get('Object allocations from freelist');
    let increfs = 0n;
    let decrefs = 0n;
    for (const key of refcounts.increfs) increfs += this.get(key);
    for (const key of refcounts.decrefs) decrefs += this.get(key);
    const byLabel = new Map<string, [bigint, bigint | null]>();
    for (const [key, value] of this.entries()) {
      if (!key.startsWith('Object')) continue;
      const den = key.includes('materialize')
        ? materializations
        : key.includes('allocations')
          ? allocations
          : key.includes('increfs')
            ? increfs
            : key.includes('decrefs')
              ? decrefs
              : null;
      const stripped = key.slice(6).trim();
      if (stripped === '') throw new ReportDataError(`cannot label the object counter ${JSON.stringify(key)} (IndexError)`);
      byLabel.set(stripped[0].toUpperCase() + stripped.slice(1), [value, den]);
    }
    return byLabel;
  }

  /** `get_gc_stats`: one map per generation, `GC[n] field` → field → value. */
  gcStats(): Array<Map<string, bigint>> {
    const generations: Array<Map<string, bigint>> = [];
    for (const [key, value] of this.entries()) {
      if (!key.startsWith('GC')) continue;
      const tail = key.slice(3);
      const close = tail.indexOf(']');
      const number = close < 0 ? tail : tail.slice(0, close);
      if (!/^\s*\d+\s*$/.test(number)) throw new ReportDataError(`cannot read a GC generation from ${JSON.stringify(key)}`);
      const generation = Number(number);
      while (generations.length <= generation) generations.push(new Map());
      generations[generation].set(close < 0 ? '' : tail.slice(close + 1).trim(), value);
    }
    return generations;
  }

  /** `get_histogram(name)`: the `<name>[k]` buckets as (k, value), sorted by (k, value). */
  histogram(name: string): Array<[bucket: bigint, value: bigint]> {
    const pattern = new RegExp(`^${escapeRegExp(name)}\\[([0-9]+)\\]`);
    const buckets: Array<[bigint, bigint]> = [];
    for (const [key, value] of this.entries()) {
      const m = pattern.exec(key);
      if (m) buckets.push([BigInt(m[1]), value]);
    }
    return buckets.sort(([ka, va], [kb, vb]) => (ka !== kb ? (ka < kb ? -1 : 1) : va === vb ? 0 : va < vb ? -1 : 1));
  }

  /** `get_rare_events`: `Rare event (name)` counters as (name with spaces, value, key), in data order. */
  rareEvents(): Array<[label: string, value: bigint, key: string]> {
    const prefix = 'Rare event ';
    const out: Array<[string, bigint, string]> = [];
    for (const [key, value] of this.entries()) {
      if (key.startsWith(prefix)) out.push([key.slice(prefix.length + 1, -1).replaceAll('_', ' '), value, key]);
    }
    return out;
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
