/**
 * The 3.13+ report as data: the list of sections summarize_stats.py prints, in order,
 * each with its tables (functions from one run's stats to rows). What differs between
 * script versions comes from the `StyleProfile`, never from branches in the printer.
 */
import { Count, Doc, Ratio, type Row } from './cells.js';
import { ReportDataError } from './errors.js';
import { groupThousands } from './format.js';
import { docLines, JoinMode, section, table, type Part, type Section, type Table } from './model.js';
import { sortByCodePoints, sortDescendingBy, type StatsView } from './stats-view.js';
import type { StyleProfile } from './styles.js';

export function reportSections(profile: StyleProfile): Section[] {
  return [
    executionCountSection(),
    pairCountSection('opcode', profile.opcodePairSummary),
    predecessorSuccessorSection(),
    specializationSection(profile),
    specializationEffectivenessSection(),
    callStatsSection(),
    objectStatsSection(profile),
    gcStatsSection(profile),
    optimizationSection(profile),
    rareEventSection(),
    metaStatsSection(),
  ];
}

/** `pretty()`: SPEC_FAIL / EVAL_CALL names as words. */
function pretty(name: string): string {
  return name.replaceAll('_', ' ').toLowerCase();
}

function sum(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

// ---------------------------------------------------------------- execution counts

const EXECUTION_COUNT_COLUMNS = ['Name', 'Count:', 'Self:', 'Cumulative:', 'Miss ratio:'];

/** Counts, share, running share and (for non-specializable names) the miss ratio. */
function executionCountTable(prefix: string): Table {
  return table(
    EXECUTION_COUNT_COLUMNS,
    (stats) => {
      const opcodes = stats.opcodeStats(prefix);
      const total = opcodes.totalExecutionCount();
      // Sorted by (count, miss), largest first; equal pairs keep data order.
      const counts = [...opcodes.executionCounts()].sort((a, b) =>
        a.count !== b.count ? (a.count < b.count ? 1 : -1) : a.miss === b.miss ? 0 : a.miss < b.miss ? 1 : -1,
      );
      let cumulative = 0n;
      return counts.map(({ name, count, miss }): Row => {
        cumulative += count;
        return [name, new Count(count), new Ratio(count, total), new Ratio(cumulative, total), miss !== 0n ? new Ratio(miss, count) : null];
      });
    },
    JoinMode.ChangeOneColumn,
  );
}

function executionCountSection(): Section {
  return section('Execution counts', [executionCountTable('opcode')], {
    summary: 'Execution counts for Tier 1 instructions.',
    doc: docLines(
      'The "miss ratio" column shows the percentage of times the instruction',
      'executed that it deoptimized. When this happens, the base unspecialized',
      'instruction is not counted.',
    ),
  });
}

// ---------------------------------------------------------------- pairs

/**
 * The top 100 pairs of a prefix. Self and Cumulative are shares of the prefix's total
 * execution count; for `uop` that total comes from the `uops[...]` keys the prefix also
 * captures (see StatsView.opcodeStats), which is what the script prints.
 */
function pairCountSection(prefix: string, summary: string): Section {
  const rows = (stats: StatsView): Row[] => {
    const opcodes = stats.opcodeStats(prefix);
    const total = opcodes.totalExecutionCount();
    let cumulative = 0n;
    return sortDescendingBy(opcodes.pairCounts(), (p) => p.count)
      .slice(0, 100)
      .map(({ first, second, count }): Row => {
        cumulative += count;
        return [`${first} ${second}`, new Count(count), new Ratio(count, total), new Ratio(cumulative, total)];
      });
  };
  return section('Pair counts', [table(['Pair', 'Count:', 'Self:', 'Cumulative:'], rows)], {
    summary,
    comparative: false,
    doc: docLines(
      'Pairs of specialized operations that deoptimize and are then followed by',
      'the corresponding unspecialized instruction are not counted as pairs.',
    ),
  });
}

/** `Counter.most_common(n)`: largest counts first, ties in insertion order. */
function mostCommon(counter: ReadonlyMap<string, bigint>, n: number): Array<[string, bigint]> {
  return sortDescendingBy([...counter], ([, count]) => count).slice(0, n);
}

function predecessorSuccessorSection(): Section {
  const parts = (base: StatsView): Part[] => {
    const opcodes = base.opcodeStats('opcode');
    const out: Part[] = [];
    for (const name of opcodes.names()) {
      const predecessors = opcodes.predecessors(name);
      const successors = opcodes.successors(name);
      const predecessorsTotal = sum(predecessors.values());
      const successorsTotal = sum(successors.values());
      if (predecessorsTotal === 0n && successorsTotal === 0n) continue;
      const predRows = mostCommon(predecessors, 5).map(([pred, count]): Row => [pred, new Count(count), new Ratio(count, predecessorsTotal)]);
      const succRows = mostCommon(successors, 5).map(([succ, count]): Row => [succ, new Count(count), new Ratio(count, successorsTotal)]);
      out.push(
        section(
          name,
          [table(['Predecessors', 'Count:', 'Percentage:'], () => predRows), table(['Successors', 'Count:', 'Percentage:'], () => succRows)],
          { summary: `Successors and predecessors for ${name}` },
        ),
      );
    }
    return out;
  };
  return section('Predecessor/Successor Pairs', parts, {
    summary: 'Top 5 predecessors and successors of each Tier 1 opcode.',
    comparative: false,
    doc: docLines(
      'This does not include the unspecialized instructions that occur after a',
      'specialized instruction deoptimizes.',
    ),
  });
}

// ---------------------------------------------------------------- specialization

const SPECIALIZATION_KIND_DOCS: Readonly<Record<string, string>> = {
  deferred: 'Lists the number of "deferred" (i.e. not specialized) instructions executed.',
  hit: 'Specialized instructions that complete.',
  miss: 'Specialized instructions that deopt.',
  deopt: 'Specialized instructions that deopt.',
};

function specializationKindTable(name: string): Table {
  return table(
    ['Kind', 'Count:', 'Ratio:'],
    (stats) => {
      const opcodes = stats.opcodeStats('opcode');
      const total = opcodes.specializationTotal(name);
      return opcodes.specializationCounts(name).map(([label, count]): Row => {
        const doc = SPECIALIZATION_KIND_DOCS[label];
        if (doc === undefined) throw new ReportDataError(`unexpected specialization counter "${label}" for ${name}: the script has no tooltip for it (KeyError)`);
        return [new Doc(label, doc), new Count(count), new Ratio(count, total)];
      });
    },
    JoinMode.Change,
  );
}

function specializationSuccessTable(name: string): Table {
  return table(
    ['Success', 'Count:', 'Ratio:'],
    (stats) => {
      const values = stats.opcodeStats('opcode').successAndFailure(name);
      const total = sum(values.map(([, v]) => v));
      if (total === 0n) return [];
      return values.map(([label, value]): Row => [label, new Count(value), new Ratio(value, total)]);
    },
    JoinMode.Change,
  );
}

/** The family prefix of SPEC_FAIL_* names that labels an opcode's failure kinds above 8. */
function failureKindFamily(opcode: string, profile: StyleProfile): string {
  if (opcode === 'LOAD_SUPER_ATTR') return 'SUPER';
  if (opcode.endsWith('ATTR')) return 'ATTR';
  if (profile.iterFamilies.includes(opcode)) return 'ITER';
  if (opcode.endsWith('SUBSCR')) return 'SUBSCR';
  return opcode;
}

function failureKindLabel(stats: StatsView, kind: number, opcode: string, profile: StyleProfile): string {
  if (kind <= 8) {
    const names = stats.defineNames(kind);
    if (!names || names.length === 0) throw new ReportDataError(`_defines has no name for failure kind ${kind} (${opcode}); the script needs one for kinds 0–8`);
    return pretty(names[0]);
  }
  const family = failureKindFamily(opcode, profile);
  // A kind with no SPEC_FAIL_* define at all reads as empty: the script's loader builds
  // `_defines` as a defaultdict (a JSON input would make it raise KeyError instead).
  for (const name of stats.defineNames(kind) ?? []) {
    if (name.startsWith(family)) return pretty(name.slice(family.length + 1));
  }
  return `kind ${kind}`;
}

function specializationFailureKindTable(name: string, profile: StyleProfile): Table {
  return table(
    ['Failure kind', 'Count:', 'Ratio:'],
    (stats) => {
      const opcodes = stats.opcodeStats('opcode');
      const entries = opcodes.failureKindEntries(name);
      const slots =
        profile.failureKindSlots === 'sized-to-data' ? Math.max(0, ...entries.map(([index]) => index)) + 1 : profile.failureKindSlots;
      const kinds: bigint[] = new Array<bigint>(slots).fill(0n);
      for (const [index, value] of entries) {
        if (index < 0 || index >= slots) {
          throw new ReportDataError(`failure kind ${index} of ${name} does not fit the script's list of ${slots} kinds (IndexError)`);
        }
        kinds[index] = value;
      }
      // A dict keyed by label: two kinds with the same label keep the first place, last value.
      const byLabel = new Map<string, bigint>();
      kinds.forEach((value, index) => {
        if (value !== 0n) byLabel.set(failureKindLabel(stats, index, name, profile), value);
      });
      const total = opcodes.failureTotal(name);
      const rows = [...byLabel].filter(([, value]) => value !== 0n);
      return sortDescendingBy(rows, ([, value]) => value).map(([label, value]): Row => [label, new Count(value), new Ratio(value, total)]);
    },
    JoinMode.Change,
  );
}

function specializationSection(profile: StyleProfile): Section {
  const parts = (base: StatsView, head: StatsView | null): Part[] => {
    const baseOpcodes = base.opcodeStats('opcode');
    const headOpcodes = head ? head.opcodeStats('opcode') : null;
    // In comparison mode only families present in both runs are shown.
    const names = baseOpcodes.names().filter((name) => !headOpcodes || headOpcodes.has(name));
    return sortByCodePoints(names, (name) => name)
      .filter((name) => baseOpcodes.isSpecializable(name))
      .filter((name) => baseOpcodes.specializationTotal(name) !== 0n || (headOpcodes !== null && headOpcodes.specializationTotal(name) !== 0n))
      .map((name) =>
        section(name, [specializationKindTable(name), specializationSuccessTable(name), specializationFailureKindTable(name, profile)], {
          summary: `specialization stats for ${name} family`,
        }),
      );
  };
  return section('Specialization stats', parts, { summary: 'Specialization stats by family' });
}

function effectivenessTable(): Table {
  return table(
    ['Instructions', 'Count:', 'Ratio:'],
    (stats) => {
      const opcodes = stats.opcodeStats('opcode');
      const total = opcodes.totalExecutionCount();
      if (!stats.specializedInstructions) {
        throw new ReportDataError('this run has no _specialized_instructions list; the caller must supply one for its version');
      }
      const { basic, hits, misses, notSpecialized } = opcodes.specializedTotals(stats.specializedInstructions);
      return [
        [new Doc('Basic', 'Instructions that are not and cannot be specialized, e.g. `LOAD_FAST`.'), new Count(basic), new Ratio(basic, total)],
        [
          new Doc('Not specialized', "Instructions that could be specialized but aren't, e.g. `LOAD_ATTR`, `BINARY_SLICE`."),
          new Count(notSpecialized),
          new Ratio(notSpecialized, total),
        ],
        [new Doc('Specialized hits', 'Specialized instructions, e.g. `LOAD_ATTR_MODULE` that complete.'), new Count(hits), new Ratio(hits, total)],
        [new Doc('Specialized misses', 'Specialized instructions, e.g. `LOAD_ATTR_MODULE` that deopt.'), new Count(misses), new Ratio(misses, total)],
      ];
    },
    JoinMode.Change,
  );
}

/** The top 10 of a per-family counter (zeros included), as shares of its sum. */
function topTenTable(counts: (stats: StatsView) => Array<[string, bigint]>): Table {
  return table(
    ['Name', 'Count:', 'Ratio:'],
    (stats) => {
      const values = counts(stats);
      const total = sum(values.map(([, v]) => v));
      if (total === 0n) return [];
      return sortDescendingBy(values, ([, v]) => v)
        .slice(0, 10)
        .map(([name, value]): Row => [name, new Count(value), new Ratio(value, total)]);
    },
    JoinMode.Change,
  );
}

function specializationEffectivenessSection(): Section {
  return section(
    'Specialization effectiveness',
    [
      effectivenessTable(),
      section('Deferred by instruction', [topTenTable((stats) => stats.opcodeStats('opcode').deferredCounts())], {
        summary: 'Breakdown of deferred (not specialized) instruction counts by family',
      }),
      section('Misses by instruction', [topTenTable((stats) => stats.opcodeStats('opcode').missesCounts())], {
        summary: 'Breakdown of misses (specialized deopts) instruction counts by family',
      }),
    ],
    {
      doc: docLines('All entries are execution counts. Should add up to the total number of', 'Tier 1 instructions executed.'),
    },
  );
}

// ---------------------------------------------------------------- calls, objects, GC

function callStatsTable(): Table {
  return table(
    ['', 'Count:', 'Ratio:'],
    (stats) => {
      // A dict keyed by label, filled in sorted key order: calls first, then frames.
      const byLabel = new Map<string, bigint>();
      const sorted = stats.sortedEntries();
      for (const [key, value] of sorted) {
        if (key.includes('Calls to')) {
          byLabel.set(key, value);
        } else if (key.startsWith('Calls ')) {
          const parts = key.slice(0, -1).split('[');
          const index = parts.length === 2 && /^\s*[+-]?\d+\s*$/.test(parts[1]) ? Number(parts[1]) : NaN;
          if (Number.isNaN(index)) throw new ReportDataError(`cannot read a call-kind index from ${JSON.stringify(key)}`);
          const names = stats.statsDefineNames(index);
          if (!names || names.length === 0) throw new ReportDataError(`_stats_defines has no name for call kind ${index} (${JSON.stringify(key)})`);
          byLabel.set(`${parts[0]} (${pretty(names[0])})`, value);
        }
      }
      for (const [key, value] of sorted) if (key.startsWith('Frame')) byLabel.set(key, value);
      const total = sum([...byLabel].filter(([label]) => label.includes('Calls to')).map(([, v]) => v));
      return [...byLabel].map(([label, value]): Row => [label, new Count(value), new Ratio(value, total)]);
    },
    JoinMode.Change,
  );
}

function callStatsSection(): Section {
  return section('Call stats', [callStatsTable()], {
    summary: 'Inlined calls and frame stats',
    doc: docLines(
      'This shows what fraction of calls to Python functions are inlined (i.e.',
      'not having a call at the C level) and for those that are not, where the',
      'call comes from.  The various categories overlap.',
      '',
      'Also includes the count of frame objects created.',
    ),
  });
}

const REFCOUNT_KEYS: Record<StyleProfile['refcountKeys'], { increfs: string[]; decrefs: string[] }> = {
  'interpreter-and-plain': {
    increfs: ['Object interpreter increfs', 'Object increfs'],
    decrefs: ['Object interpreter decrefs', 'Object decrefs'],
  },
  'mortal-and-immortal': {
    increfs: ['Object interpreter mortal increfs', 'Object mortal increfs', 'Object interpreter immortal increfs', 'Object immortal increfs'],
    decrefs: ['Object interpreter mortal decrefs', 'Object mortal decrefs', 'Object interpreter immortal decrefs', 'Object immortal decrefs'],
  },
};

function objectStatsTable(profile: StyleProfile): Table {
  return table(
    ['', 'Count:', 'Ratio:'],
    (stats) => {
      const refcounts = REFCOUNT_KEYS[profile.refcountKeys];
      const materializations = stats.get(profile.objectValuesKey);
      const allocations = stats.get('Object allocations') + stats.get('Object allocations from freelist');
      const increfs = sum(refcounts.increfs.map((key) => stats.get(key)));
      const decrefs = sum(refcounts.decrefs.map((key) => stats.get(key)));
      const byLabel = new Map<string, [bigint, bigint | null]>();
      for (const [key, value] of stats.entries()) {
        if (!key.startsWith('Object')) continue;
        // The first matching word picks the denominator; other counters get no ratio.
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
      return [...byLabel].map(([label, [value, den]]): Row => [label, new Count(value), new Ratio(value, den)]);
    },
    JoinMode.Change,
  );
}

function objectStatsSection(profile: StyleProfile): Section {
  return section('Object stats', [objectStatsTable(profile)], {
    summary: 'Allocations, frees and dict materializatons',
    doc: docLines(
      'Below, "allocations" means "allocations that are not from a freelist".',
      'Total allocations = "Allocations from freelist" + "Allocations".',
      '',
      ...(profile.objectValuesKey === 'Object new values'
        ? ['"New values" is the number of values arrays created for objects with', 'managed dicts.']
        : ['"Inline values" is the number of values arrays inlined into objects.']),
      '',
      'The cache hit/miss numbers are for the MRO cache, split into dunder and',
      'other names.',
    ),
  });
}

function gcStatsTable(profile: StyleProfile): Table {
  const fields = ['collections', 'objects collected', 'object visits'];
  const columns = ['Generation:', 'Collections:', 'Objects collected:', 'Object visits:'];
  if (profile.gcReachableColumns) {
    fields.push('objects reachable from roots', 'objects not reachable from roots');
    columns.push('Reachable from roots:', 'Not reachable from roots:');
  }
  return table(columns, (stats) => {
    const generations: Array<Map<string, bigint>> = [];
    for (const [key, value] of stats.entries()) {
      if (!key.startsWith('GC')) continue;
      const tail = key.slice(3);
      const close = tail.indexOf(']');
      const number = close < 0 ? tail : tail.slice(0, close);
      if (!/^\s*\d+\s*$/.test(number)) throw new ReportDataError(`cannot read a GC generation from ${JSON.stringify(key)}`);
      const generation = Number(number);
      while (generations.length <= generation) generations.push(new Map());
      generations[generation].set(close < 0 ? '' : tail.slice(close + 1).trim(), value);
    }
    return generations.map((gen, i): Row => [
      new Count(BigInt(i)),
      ...fields.map((field) => {
        const value = gen.get(field);
        if (value === undefined) throw new ReportDataError(`missing counter "GC[${i}] ${field}" (the GC table needs every field of every generation)`);
        return new Count(value);
      }),
    ]);
  });
}

function gcStatsSection(profile: StyleProfile): Section {
  return section('GC stats', [gcStatsTable(profile)], {
    summary: 'GC collections and effectiveness',
    doc: docLines('Collected/visits gives some measure of efficiency.'),
  });
}

// ---------------------------------------------------------------- optimization (tier 2)

type DocRow = [label: Doc, value: bigint, den: bigint | null];

/** `get_optimization_stats`: null without "Optimization attempts"; every other key required. */
function optimizationStats(stats: StatsView, profile: StyleProfile): DocRow[] | null {
  if (!stats.has('Optimization attempts')) return null;
  const need = (key: string) => stats.require(key, 'the optimization table reads it once "Optimization attempts" exists');
  const attempts = need('Optimization attempts');
  const created = need('Optimization traces created');
  const executed = need('Optimization traces executed');
  const uops = need('Optimization uops executed');
  const rows: DocRow[] = [
    [
      new Doc(
        'Optimization attempts',
        'The number of times a potential trace is identified.  Specifically, this occurs in the JUMP BACKWARD instruction when the counter reaches a threshold.',
      ),
      attempts,
      null,
    ],
    [new Doc('Traces created', 'The number of traces that were successfully created.'), created, attempts],
    [new Doc('Trace stack overflow', 'A trace is truncated because it would require more than 5 stack frames.'), need('Optimization trace stack overflow'), attempts],
    [new Doc('Trace stack underflow', 'A potential trace is abandoned because it pops more frames than it pushes.'), need('Optimization trace stack underflow'), attempts],
    [new Doc('Trace too long', 'A trace is truncated because it is longer than the instruction buffer.'), need('Optimization trace too long'), attempts],
    [new Doc('Trace too short', profile.traceTooShortDoc), need('Optimization trace too short'), attempts],
    [new Doc('Inner loop found', 'A trace is truncated because it has an inner loop'), need('Optimization inner loop'), attempts],
    [new Doc('Recursive call', 'A trace is truncated because it has a recursive call.'), need('Optimization recursive call'), attempts],
    [
      new Doc('Low confidence', 'A trace is abandoned because the likelihood of the jump to top being taken is too low.'),
      need('Optimization low confidence'),
      attempts,
    ],
  ];
  if (profile.unknownCalleeRow) {
    rows.push([new Doc('Unknown callee', 'A trace is abandoned because the target of a call is unknown.'), need('Optimization unknown callee'), attempts]);
  }
  rows.push(
    [new Doc('Executors invalidated', 'The number of executors that were invalidated due to watched dictionary changes.'), need('Executors invalidated'), created],
    [new Doc('Traces executed', 'The number of traces that were executed'), executed, null],
    // Shown as a percentage of traces executed: the script meant a plain ratio but tests
    // `label != "Uops executed"` on a Doc, which is always true.
    [new Doc('Uops executed', 'The total number of uops (micro-operations) that were executed'), uops, executed],
  );
  return rows;
}

function optimizerStats(stats: StatsView): DocRow[] {
  const need = (key: string) => stats.require(key, 'the optimizer table reads it');
  const attempts = need('Optimization optimizer attempts');
  return [
    [new Doc('Optimizer attempts', 'The number of times the trace optimizer (_Py_uop_analyze_and_optimize) was run.'), attempts, null],
    [new Doc('Optimizer successes', 'The number of traces that were successfully optimized.'), need('Optimization optimizer successes'), attempts],
    [new Doc('Optimizer no memory', 'The number of optimizations that failed due to no memory.'), need('Optimization optimizer failure no memory'), attempts],
    [new Doc('Remove globals builtins changed', 'The builtins changed during optimization'), need('Optimizer remove globals builtins changed'), attempts],
    [new Doc('Remove globals incorrect keys', "The keys in the globals dictionary aren't what was expected"), need('Optimizer remove globals incorrect keys'), attempts],
  ];
}

function jitMemoryStats(stats: StatsView): DocRow[] {
  const need = (key: string) => stats.require(key, 'the JIT memory table reads it');
  const total = need('JIT total memory size');
  return [
    [new Doc('Total memory size', 'The total size of the memory allocated for the JIT traces'), total, null],
    [new Doc('Code size', 'The size of the memory allocated for the code of the JIT traces'), need('JIT code size'), total],
    [new Doc('Trampoline size', 'The size of the memory allocated for the trampolines of the JIT traces'), need('JIT trampoline size'), total],
    [new Doc('Data size', 'The size of the memory allocated for the data of the JIT traces'), need('JIT data size'), total],
    [new Doc('Padding size', 'The size of the memory allocated for the padding of the JIT traces'), need('JIT padding size'), total],
    [new Doc('Freed memory size', 'The size of the memory freed from the JIT traces'), need('JIT freed memory size'), total],
  ];
}

function docRowsTable(columns: string[], docRows: (stats: StatsView) => DocRow[] | null): Table {
  return table(
    columns,
    (stats) => (docRows(stats) ?? []).map(([label, value, den]): Row => [label, new Count(value), new Ratio(value, den)]),
    JoinMode.Change,
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A power-of-two histogram `<name>[k]`, sorted by (bucket, value), as shares of a counter
 * (or, without one, of the histogram's own sum), with zero rows trimmed per the profile.
 */
function histogramTable(columns: string[], name: string, denominatorKey: string | null, profile: StyleProfile): Table {
  const pattern = new RegExp(`^${escapeRegExp(name)}\\[([0-9]+)\\]`);
  return table(
    columns,
    (stats) => {
      const buckets: Array<[bigint, bigint]> = [];
      for (const [key, value] of stats.entries()) {
        const m = pattern.exec(key);
        if (m) buckets.push([BigInt(m[1]), value]);
      }
      buckets.sort(([ka, va], [kb, vb]) => (ka !== kb ? (ka < kb ? -1 : 1) : va === vb ? 0 : va < vb ? -1 : 1));
      const denominator = denominatorKey ? stats.get(denominatorKey) : sum(buckets.map(([, v]) => v));
      const rows = buckets.map(([bucket, value]): Row => [`<= ${groupThousands(bucket.toString())}`, new Count(value), new Ratio(value, denominator)]);
      const values = buckets.map(([, v]) => v);
      if (profile.histogramTrim === 'trailing-keep-first') {
        let lastNonZero = 0;
        values.forEach((v, i) => {
          if (v !== 0n) lastNonZero = i;
        });
        return rows.slice(0, lastNonZero + 1);
      }
      let start = 0;
      let end = rows.length - 1;
      while (start <= end) {
        if (values[start] === 0n) start++;
        else if (values[end] === 0n) end--;
        else break;
      }
      return rows.slice(start, end + 1);
    },
    JoinMode.ChangeNoSort,
  );
}

/** Non-zero `<prefix>[NAME].count`, largest first. */
function opcodeCountTable(prefix: string): Table {
  return table(
    ['Opcode', 'Count:'],
    (stats) => sortDescendingBy(stats.opcodeStats(prefix).opcodeCounts(), ([, count]) => count).map(([name, count]): Row => [name, new Count(count)]),
    JoinMode.Change,
  );
}

function optimizationSection(profile: StyleProfile): Section {
  const parts = (base: StatsView, head: StatsView | null): Part[] => {
    if (!optimizationStats(base, profile) || (head && !optimizationStats(head, profile))) return [];
    const out: Part[] = [
      docRowsTable(['', 'Count:', 'Ratio:'], (stats) => optimizationStats(stats, profile)),
      docRowsTable(['', 'Count:', 'Ratio:'], optimizerStats),
    ];
    if (profile.jitMemory) {
      out.push(
        section('JIT memory stats', [docRowsTable(['', 'Size (bytes):', 'Ratio:'], jitMemoryStats)], { summary: 'JIT memory stats' }),
        section('JIT trace total memory histogram', [histogramTable(['Size (bytes)', 'Count', 'Ratio:'], 'Trace total memory size', null, profile)], {
          summary: 'JIT trace total memory histogram',
        }),
      );
    }
    for (const [name, denominator] of [
      ['Trace length', 'Optimization traces created'],
      ['Optimized trace length', 'Optimization traces created'],
      ['Trace run length', 'Optimization traces executed'],
    ]) {
      out.push(section(`${name} histogram`, [histogramTable(['Range', 'Count:', 'Ratio:'], name, denominator, profile)]));
    }
    out.push(section('Uop execution stats', [executionCountTable('uops')]));
    if (profile.uopPairCounts) out.push(pairCountSection('uop', 'Pair counts for top 100 Non-JIT uop pairs'));
    out.push(
      section('Unsupported opcodes', [opcodeCountTable('unsupported_opcode')]),
      section('Optimizer errored out with opcode', [opcodeCountTable('error_in_opcode')], {
        summary: 'Optimization stopped after encountering this opcode',
      }),
    );
    return out;
  };
  return section('Optimization (Tier 2) stats', parts, { summary: 'statistics about the Tier 2 optimizer' });
}

// ---------------------------------------------------------------- rare events, meta

const RARE_EVENT_DOCS: Readonly<Record<string, string>> = {
  'set class': "Setting an object's class, `obj.__class__ = ...`",
  'set bases': 'Setting the bases of a class, `cls.__bases__ = ...`',
  'set eval frame func': 'Setting the PEP 523 frame eval function `_PyInterpreterState_SetFrameEvalFunc()`',
  'builtin dict': 'Modifying the builtins, `__builtins__.__dict__[var] = ...`',
  'func modification': 'Modifying a function, e.g. `func.__defaults__ = ...`, etc.',
  'watched dict modification': 'A watched dict has been modified',
  'watched globals modification': 'A watched `globals()` dict has been modified',
};

function rareEventSection(): Section {
  const prefix = 'Rare event ';
  const rows = (stats: StatsView): Row[] => {
    const out: Row[] = [];
    for (const [key, value] of stats.entries()) {
      if (!key.startsWith(prefix)) continue;
      const label = key.slice(prefix.length + 1, -1).replaceAll('_', ' ');
      const doc = RARE_EVENT_DOCS[label];
      if (doc === undefined) throw new ReportDataError(`unknown rare event ${JSON.stringify(key)}: the script has no tooltip for it (KeyError)`);
      out.push([new Doc(label, doc), new Count(value)]);
    }
    return out;
  };
  return section('Rare events', [table(['Event', 'Count:'], rows, JoinMode.Change)], { summary: 'Counts of rare/unlikely events' });
}

function metaStatsSection(): Section {
  return section('Meta stats', [table(['', 'Count:'], (stats) => [['Number of data files', new Count(stats.get('__nfiles__'))]], JoinMode.Change)], {
    summary: 'Meta statistics',
  });
}
