/**
 * The execution-count and pair-count sections of the 3.13+ layout. The tier-2 section
 * reuses both for uops (layout-tier2.ts), so they live apart from the section list.
 */
import { Count, Ratio, type Row } from './cells.js';
import { docLines, JoinMode, section, table, type Part, type Section, type Table } from './model.js';
import { mostCommon, sortDescendingBy, sum } from './python-order.js';
import type { Stats } from './stats.js';

// ---------------------------------------------------------------- execution counts

const EXECUTION_COUNT_COLUMNS = ['Name', 'Count:', 'Self:', 'Cumulative:', 'Miss ratio:'];

/** Counts, share, running share and (for non-specializable names) the miss ratio. */
export function executionCountTable(prefix: string): Table {
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

export function executionCountSection(): Section {
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
 * captures (see Stats.opcodeStats), which is what the script prints.
 */
export function pairCountSection(prefix: string, summary: string): Section {
  const rows = (stats: Stats): Row[] => {
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

export function predecessorSuccessorSection(): Section {
  const parts = (base: Stats): Part[] => {
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
