/**
 * The "Optimization (Tier 2) stats" section of the 3.13+ layout: the optimizer's tables,
 * JIT memory, the trace histograms, uop execution and pair counts, unsupported opcodes.
 */
import { Count, Ratio, type Row } from './cells.js';
import { groupThousands } from './format.js';
import { executionCountTable, pairCountSection } from './layout-counts.js';
import { JoinMode, section, table, type Part, type Section, type Table } from './model.js';
import { jitMemoryStats, optimizationStats, optimizerStats, type DocRow } from './optimization-stats.js';
import { sortDescendingBy, sum } from './python-order.js';
import type { Stats } from './stats.js';
import type { StyleProfile } from './styles.js';

// ---------------------------------------------------------------- optimization (tier 2)

function docRowsTable(columns: string[], docRows: (stats: Stats) => DocRow[] | null): Table {
  return table(
    columns,
    (stats) => (docRows(stats) ?? []).map(([label, value, den]): Row => [label, new Count(value), new Ratio(value, den)]),
    JoinMode.Change,
  );
}

/**
 * A power-of-two histogram `<name>[k]`, sorted by (bucket, value), as shares of a counter
 * (or, without one, of the histogram's own sum), with zero rows trimmed per the profile.
 */
function histogramTable(columns: string[], name: string, denominatorKey: string | null, profile: StyleProfile): Table {
  return table(
    columns,
    (stats) => {
      const buckets = stats.histogram(name);
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

export function optimizationSection(profile: StyleProfile): Section {
  const parts = (base: Stats, head: Stats | null): Part[] => {
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
