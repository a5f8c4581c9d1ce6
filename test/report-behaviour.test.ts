/**
 * Row order, tie-breaks, quirks and edge cases of the 3.13+ report, on small synthetic
 * runs where each rule decides the outcome.
 */
import { describe, expect, it } from 'vitest';
import type { DefinesTable } from '../schemas/run-stats.js';
import { renderComparison, renderReport, ReportDataError } from '../pipeline/report/index.js';
import { sortByCodePoints } from '../pipeline/report/python-order.js';
import { firstColumn, optimizationCounters, runOf, tableAfter, tableHeaded } from './report-helpers.js';

const date = '2025-01-01';

describe('key order as Python sorts str', () => {
  it('by code point: an astral character sorts after every BMP one, as in sorted()', () => {
    // UTF-16 puts U+1F600 (a surrogate pair, 0xD83D...) before U+FF5E; code points do not.
    const keys = ['b', '\u{1F600}', '\uFF5E', 'a'];
    expect(sortByCodePoints([...keys], (k) => k)).toEqual(['a', 'b', '\uFF5E', '\u{1F600}']);
    expect(sortByCodePoints(['opcode[B]', 'opcode[A]', 'GC[0]'], (k) => k)).toEqual(['GC[0]', 'opcode[A]', 'opcode[B]']);
  });
});

describe('stable tie-breaks', () => {
  it('execution counts: by (count, miss) descending, equal pairs in data order', () => {
    const stats = runOf([
      ['opcode[B].execution_count', 5],
      ['opcode[A].execution_count', 5],
      ['opcode[C].execution_count', 7],
      ['opcode[X].execution_count', 5],
      ['opcode[X].specialization.miss', 2],
      // A specializable family's misses do not count (they are the specializations').
      ['opcode[S].specializable', 1],
      ['opcode[S].execution_count', 5],
      ['opcode[S].specialization.miss', 9],
    ]);
    const rows = tableAfter(renderReport(stats, { style: '3.13', date }), '## Execution counts')!;
    expect(rows.map((r) => r[0])).toEqual(['C', 'X', 'B', 'A', 'S']);
    expect(rows[1][4]).toBe('40.0%');
    expect(rows[4][4]).toBe('');
  });

  it('pair counts: by count descending in pair data order, top 100', () => {
    const counters: Array<[string, number]> = [
      ['opcode[B].execution_count', 1000],
      ['opcode[B].pair_count[Z]', 3],
      ['opcode[B].pair_count[Y]', 3],
      ['opcode[A].pair_count[Z]', 3],
      ['opcode[A].pair_count[W]', 4],
    ];
    for (let i = 0; i < 100; i++) counters.push([`opcode[F${String(i).padStart(3, '0')}].pair_count[A]`, 1]);
    const out = renderReport(runOf(counters), { style: '3.13', date });
    const pairs = firstColumn(out, '## Pair counts');
    expect(pairs.length).toBe(100);
    expect(pairs.slice(0, 4)).toEqual(['A W', 'B Z', 'B Y', 'A Z']);
    expect(pairs[99]).toBe('F095 A');
  });

  it('failure kinds: by count descending, ties in kind order; equal labels merge', () => {
    const defines: DefinesTable = [
      [0, ['OTHER']],
      [9, ['ATTR_ONE']],
      [10, ['ATTR_TWO', 'SUBSCR_TWO']],
      [11, ['ATTR_ONE']],
      [12, ['CALL_ONLY']],
    ];
    const stats = runOf(
      [
        ['opcode[LOAD_ATTR].specializable', 1],
        ['opcode[LOAD_ATTR].execution_count', 10],
        ['opcode[LOAD_ATTR].specialization.failure', 12],
        ['opcode[LOAD_ATTR].specialization.failure_kinds[12]', 2],
        ['opcode[LOAD_ATTR].specialization.failure_kinds[10]', 2],
        ['opcode[LOAD_ATTR].specialization.failure_kinds[0]', 1],
        ['opcode[LOAD_ATTR].specialization.failure_kinds[9]', 5],
        ['opcode[LOAD_ATTR].specialization.failure_kinds[11]', 2],
      ],
      { defines },
    );
    const out = renderReport(stats, { style: '3.13', date });
    const rows = tableHeaded(out, 'Failure kind', out.indexOf('### LOAD_ATTR'))!;
    // Kinds 9 and 11 are both "one": the later value (2) in the earlier place. Kind 12
    // has no ATTR_ name, so it is "kind 12".
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['one', '2'],
      ['two', '2'],
      ['kind 12', '2'],
      ['other', '1'],
    ]);
  });

  it('deferred top 10: zeros included, ties in data order, RESUME left out', () => {
    const counters: Array<[string, number]> = [['opcode[RESUME].specialization.deferred', 100]];
    for (const name of ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9', 'N10', 'N11']) counters.push([`opcode[${name}].execution_count`, 1]);
    counters.push(['opcode[N5].specialization.deferred', 3], ['opcode[N9].specialization.deferred', 3]);
    const rows = tableAfter(renderReport(runOf(counters), { style: '3.13', date }), '### Deferred by instruction')!;
    expect(rows.map((r) => r[0])).toEqual(['N5', 'N9', 'N1', 'N2', 'N3', 'N4', 'N6', 'N7', 'N8', 'N10']);
    expect(rows[2]).toEqual(['N1', '0', '0.0%']);
  });

  it('comparison: |change| descending, ties in join order, head-only rows after base rows', () => {
    const base = runOf([
      ['opcode[A].execution_count', 100],
      ['opcode[B].execution_count', 100],
      ['opcode[C].execution_count', 100],
      ['opcode[GONE].execution_count', 50],
    ]);
    const head = runOf([
      ['opcode[NEW].execution_count', 7],
      ['opcode[C].execution_count', 50],
      ['opcode[B].execution_count', 150],
      ['opcode[A].execution_count', 100],
    ]);
    const rows = tableAfter(renderComparison(base, head, { style: '3.13', date }), '## Execution counts')!;
    expect(rows).toEqual([
      ['B', '100', '150', '50.0%'],
      ['C', '100', '50', '-50.0%'],
      // Equal (zero) changes keep the join order; "" changes count as 0.
      ['A', '100', '100', '0.0%'],
      ['GONE', '50', '', ''],
      ['NEW', '', '7', ''],
    ]);
  });
});

describe('quirks copied from the script', () => {
  const tier2 = (extra: Array<[string, number]> = []) =>
    runOf([
      ...optimizationCounters({ 'Optimization attempts': 10, 'Optimization traces executed': 8, 'Optimization uops executed': 81 }),
      ['uops[_A].execution_count', 50],
      ['uops[_B].execution_count', 31],
      ['uop[_A].pair_count[_B]', 30],
      ...extra,
    ]);

  it('uop pair ratios use the total uop execution count (the `uop` prefix also matches `uops[`)', () => {
    const out = renderReport(tier2(), { style: '3.13', date });
    expect(tableAfter(out, '### Pair counts')).toEqual([['_A _B', '30', '37.0%', '37.0%']]);
  });

  it('"Uops executed" is a percentage of traces executed', () => {
    const rows = tableAfter(renderReport(tier2(), { style: '3.13', date }), '## Optimization (Tier 2) stats')!;
    const uops = rows.find((r) => r[0].includes('\nUops executed\n'))!;
    expect(uops.slice(1)).toEqual(['81', '1,012.5%']);
  });

  it('histograms: 3.13 keeps an all-zero first row, 3.14 prints no table', () => {
    const histogram: Array<[string, number]> = [
      ['Trace length[1]', 0],
      ['Trace length[2]', 0],
    ];
    const jit: Array<[string, number]> = [
      ['Optimization unknown callee', 0],
      ['JIT total memory size', 0],
      ['JIT code size', 0],
      ['JIT trampoline size', 0],
      ['JIT data size', 0],
      ['JIT padding size', 0],
      ['JIT freed memory size', 0],
    ];
    expect(tableAfter(renderReport(tier2(histogram), { style: '3.13', date }), '### Trace length histogram')).toEqual([['<= 1', '0', '']]);
    expect(tableAfter(renderReport(tier2([...histogram, ...jit]), { style: '3.14', date }), '### Trace length histogram')).toBeNull();
  });

  it('histogram rows are sorted by bucket and labelled with the grouped bucket', () => {
    const out = renderReport(
      tier2([
        ['Trace run length[1024]', 2],
        ['Trace run length[1]', 6],
        ['Trace run length[2048]', 0],
      ]),
      { style: '3.13', date },
    );
    expect(tableAfter(out, '### Trace run length histogram')).toEqual([
      ['<= 1', '6', '75.0%'],
      ['<= 1,024', '2', '25.0%'],
    ]);
  });
});

describe('edge cases', () => {
  it('a run without counters prints the skeleton (as a real 3.15 report did)', () => {
    const out = renderReport(runOf([]), { style: '3.15', date });
    expect(out.startsWith('## Execution counts\n\n<details>\n<summary> Execution counts for Tier 1 instructions. </summary>\n\n\nThe "miss ratio"')).toBe(true);
    expect(out).toContain('## Pair counts\n\n<details>\n<summary> Pair counts for top 100 opcode pairs </summary>\n\n');
    expect(tableAfter(out, '## Specialization effectiveness')!.map((r) => r.slice(1))).toEqual([
      ['0', ''],
      ['0', ''],
      ['0', ''],
      ['0', ''],
    ]);
    expect(tableAfter(out, '## Meta stats')).toEqual([['Number of data files', '0']]);
    // Empty tables print nothing: the section closes right after its doc.
    expect(out).toContain('Collected/visits gives some measure of efficiency.\n\n\n</details>\n\n## Optimization (Tier 2) stats\n\n<details>\n<summary> statistics about the Tier 2 optimizer </summary>\n\n\n</details>\n\n');
    expect(out.endsWith('---\nStats gathered on: 2025-01-01\n')).toBe(true);
  });

  it('sections left out of comparisons say so', () => {
    const out = renderComparison(runOf([]), runOf([]), { style: '3.13', date });
    expect(out).toContain('the corresponding unspecialized instruction are not counted as pairs.\n\nNot included in comparative output.\n\n\n</details>\n\n');
  });

  it('a zero denominator with a non-zero count prints "n / 0 !!"', () => {
    const out = renderReport(runOf([['Object materialize dict (on request)', 409600]]), { style: '3.13', date });
    expect(tableAfter(out, '## Object stats')).toEqual([['Materialize dict (on request)', '409,600', '409,600 / 0 !!']]);
  });
});

describe('where the real script stops, so do we', () => {
  it('a missing optimization counter', () => {
    const stats = runOf([['Optimization attempts', 1]]);
    expect(() => renderReport(stats, { style: '3.13', date })).toThrow(ReportDataError);
  });

  it('3.14 on a tier-2 run without JIT memory counters', () => {
    const stats = runOf([...optimizationCounters(), ['Optimization unknown callee', 0]]);
    expect(() => renderReport(stats, { style: '3.14', date })).toThrow(/JIT total memory size/);
  });

  it('an unknown rare event', () => {
    expect(() => renderReport(runOf([['Rare event (new_thing)', 1]]), { style: '3.13', date })).toThrow(/new_thing/);
  });

  it('a failure kind past the 3.13 list of 40, which 3.14 accepts', () => {
    const stats = runOf([
      ['opcode[CALL].specializable', 1],
      ['opcode[CALL].execution_count', 1],
      ['opcode[CALL].specialization.failure', 1],
      ['opcode[CALL].specialization.failure_kinds[45]', 1],
    ]);
    expect(() => renderReport(stats, { style: '3.13', date })).toThrow(/IndexError/);
    const out = renderReport(stats, { style: '3.14', date });
    const rows = tableHeaded(out, 'Failure kind', out.indexOf('### CALL'));
    expect(rows).toEqual([['kind 45', '1', '100.0%']]);
  });

  it('a run without its metadata tables', () => {
    const stats = { ...runOf([['opcode[A].execution_count', 1]]), specializedInstructions: null };
    expect(() => renderReport(stats, { style: '3.13', date })).toThrow(/_specialized_instructions/);
  });
});
