/**
 * The 3.13+ report as data: the list of sections summarize_stats.py prints, in order,
 * each with its tables (functions from one run's stats to rows). What differs between
 * script versions comes from the `StyleProfile`, never from branches in the printer.
 */
import { Count, Doc, Ratio, type Row } from './cells.js';
import { ReportDataError } from './errors.js';
import { docLines, JoinMode, section, table, type Part, type Section, type Table } from './model.js';
import { executionCountSection, pairCountSection, predecessorSuccessorSection } from './layout-counts.js';
import { optimizationSection } from './layout-tier2.js';
import { pretty, sortByCodePoints, sortDescendingBy, sum } from './python-order.js';
import type { Stats } from './stats.js';
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

function failureKindLabel(stats: Stats, kind: number, opcode: string, profile: StyleProfile): string {
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
  const parts = (base: Stats, head: Stats | null): Part[] => {
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
function topTenTable(counts: (stats: Stats) => Array<[string, bigint]>): Table {
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
      const byLabel = stats.callStats();
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
      const byLabel = stats.objectStats('Object inline values', REFCOUNT_KEYS[profile.refcountKeys]);
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
      '"Inline values" is the number of values arrays inlined into objects.',
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
    const generations = stats.gcStats();
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
  const rows = (stats: Stats): Row[] =>
    stats.rareEvents().map(([label, value, key]): Row => {
      const doc = RARE_EVENT_DOCS[label];
      if (doc === undefined) throw new ReportDataError(`unknown rare event ${JSON.stringify(key)}: the script has no tooltip for it (KeyError)`);
      return [new Doc(label, doc), new Count(value)];
    });
  return section('Rare events', [table(['Event', 'Count:'], rows, JoinMode.Change)], { summary: 'Counts of rare/unlikely events' });
}

function metaStatsSection(): Section {
  return section('Meta stats', [table(['', 'Count:'], (stats) => [['Number of data files', new Count(stats.get('__nfiles__'))]], JoinMode.Change)], {
    summary: 'Meta statistics',
  });
}
