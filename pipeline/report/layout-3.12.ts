/**
 * The 3.12 report (old-style summarize_stats.py) as a list of sections, single and
 * comparison: pipe tables of the rows rows-3.12.ts computes. As in the 3.13+ layout, each
 * section is one entry; the 3.12 script computes its joined rows itself, so entries
 * return finished parts.
 */
import { divideToDouble, formatPercent } from './format.js';
import { mostCommon, sortByCodePoints, sum } from './python-order.js';
import type { PipePart } from './render-pipe.js';
import {
  callRows, comparativeCallRows, comparativeExecutionRows, effectivenessRows, executionCountRows, failureKindRows, familyTotal,
  formatRatio, getCounter, joinRows, nameOf, objectRows, pairCounts, prepare, specializationRows, successFailureRows, totalExecutions,
  compareTuples, type PipeRow, type Run312,
} from './rows-3.12.js';
import type { Stats } from './stats.js';

function section(title: string, parts: PipePart[], options: { level?: number; summary?: string } = {}): PipePart {
  return { kind: 'section', title, level: options.level ?? 2, summary: options.summary ?? title.toLowerCase(), parts };
}

function pipeTable(columns: readonly string[], rows: PipeRow[]): PipePart {
  return { kind: 'table', columns, rows };
}

// ---------------------------------------------------------------- single report

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
    const predTotal = sum(preds.values());
    const succTotal = sum(succs.values());
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

const CALL_STATS_SUMMARY = 'Inlined calls and frame stats';
const OBJECT_STATS_SUMMARY = 'allocations, frees and dict materializatons';

/** The single-run 3.12 report, section by section. */
export function singleParts312(stats: Stats): PipePart[] {
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

/** The 3.12 comparison: execution counts, families, effectiveness, calls, objects. */
export function comparisonParts312(baseStats: Stats, headStats: Stats): PipePart[] {
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
