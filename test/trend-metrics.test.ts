/**
 * Every catalog metric on the two published date series (15 aggregated main runs,
 * 8 coroutines runs), ingested through the real ingest, against the same numbers
 * computed here from the JSON files with BigInt arithmetic and the report's rules.
 */
import { describe, expect, it } from 'vitest';
import { computeTrend, type TrendRequest } from '../pipeline/trend/run-trend.js';
import {
  executionCounts, get, ratio, readSeries, specializable, sumWhere, totalInstructions, useSeriesStore,
  type IndependentRun, type SeriesName,
} from './trend-fixtures.js';

type Expected = number | bigint | null;
type ExpectFn = (run: IndependentRun, all: IndependentRun[]) => Map<string, Expected> | Expected;

const store = useSeriesStore('series_all_benchmarks_python_main_default_build', 'series_coroutines');

const SERIES: Record<SeriesName, Pick<TrendRequest, 'filters' | 'by'>> = {
  // All 15 are python / default build / x86_64 / all: the default split gives one series.
  series_all_benchmarks_python_main_default_build: { filters: { benchmark: 'all' } },
  // Mixed forks, builds and machines: one series for the benchmark.
  series_coroutines: { filters: { benchmark: 'coroutines' }, by: ['benchmark'] },
};

function known(run: IndependentRun, name: string): boolean {
  return run.counters.has(`opcode[${name}].execution_count`) || specializable(run, name) || run.specialized.has(name);
}

function familyCount(run: IndependentRun, family: string): bigint | null {
  // Independent of trend_opfamily: base name or a specialized name with the family's prefix
  // (correct for the families used here, none of which is a prefix of another base).
  const members = [...new Set([...executionCounts(run).keys(), ...run.specialized])]
    .filter((n) => n === family || (run.specialized.has(n) && n.startsWith(`${family}_`)));
  if (!members.some((n) => known(run, n))) return null;
  return members.reduce((s, n) => s + (executionCounts(run).get(n) ?? 0n), 0n);
}

function specRatio(run: IndependentRun, family: string, kind: string): number | null {
  if (!specializable(run, family)) return null;
  const v = (s: string) => get(run, `opcode[${family}].${s}`) ?? 0n;
  if (kind === 'failure') return ratio(v('specialization.failure'), v('specialization.success') + v('specialization.failure'), 100);
  return ratio(v(`specialization.${kind}`), v('specialization.hit') + v('specialization.miss') + v('execution_count'), 100);
}

function effectiveness(run: IndependentRun): Map<string, Expected> {
  let basic = 0n, notSpecialized = 0n, hits = 0n, misses = 0n;
  for (const [name, count] of executionCounts(run)) {
    if (specializable(run, name)) notSpecialized += count;
    else if (run.specialized.has(name)) {
      const miss = get(run, `opcode[${name}].specialization.miss`) ?? 0n;
      hits += count - miss;
      misses += miss;
    } else basic += count;
  }
  const total = totalInstructions(run)!;
  return new Map([
    ['basic', ratio(basic, total, 100)], ['not_specialized', ratio(notSpecialized, total, 100)],
    ['hits', ratio(hits, total, 100)], ['misses', ratio(misses, total, 100)],
  ]);
}

function topMix(all: IndependentRun[], n: number): string[] {
  const sums = new Map<string, number>();
  for (const run of all) {
    const total = Number(totalInstructions(run)!);
    for (const [name, c] of executionCounts(run)) sums.set(name, (sums.get(name) ?? 0) + Number(c) / total);
  }
  return [...sums.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
}

const keyOr = (key: string) => (run: IndependentRun) => get(run, key);

const CASES: Array<[string, ExpectFn]> = [
  ['instructions', (r) => totalInstructions(r)],
  ['opcode.count:LOAD_ATTR', (r) => (known(r, 'LOAD_ATTR') ? executionCounts(r).get('LOAD_ATTR') ?? 0n : null)],
  ['opcode.count:LOAD_ATTR_MODULE', (r) => (known(r, 'LOAD_ATTR_MODULE') ? executionCounts(r).get('LOAD_ATTR_MODULE') ?? 0n : null)],
  // Renamed or never executed in some versions: 0 where the version has it, a gap where not.
  ...['LOAD_CONST_IMMORTAL', 'BINARY_SUBSCR_DICT', 'BINARY_OP_SUBSCR_DICT', 'BINARY_SUBSCR_TUPLE_INT', 'BINARY_OP_SUBSCR_TUPLE_INT']
    .map((n): [string, ExpectFn] => [`opcode.count:${n}`, (r) => (known(r, n) ? executionCounts(r).get(n) ?? 0n : null)]),
  ['opcode.share:LOAD_FAST', (r) => (known(r, 'LOAD_FAST') ? ratio(executionCounts(r).get('LOAD_FAST') ?? 0n, totalInstructions(r)!, 100) : null)],
  ['family.count:LOAD_CONST', (r) => familyCount(r, 'LOAD_CONST')],
  ['family.count:LOAD_ATTR', (r) => familyCount(r, 'LOAD_ATTR')],
  ['family.share:BINARY_OP', (r) => { const c = familyCount(r, 'BINARY_OP'); return c === null ? null : ratio(c, totalInstructions(r)!, 100); }],
  ...['LOAD_ATTR', 'CALL', 'BINARY_OP', 'LOAD_GLOBAL', 'STORE_ATTR', 'BINARY_SUBSCR'].flatMap((f) =>
    ['hit', 'miss', 'deferred', 'deopt', 'failure'].map((k): [string, ExpectFn] => [`spec.${k}:${f}`, (r) => specRatio(r, f, k)])),
  ['effectiveness', (r) => effectiveness(r)],
  ['mix:5', (r, all) => new Map(topMix(all, 5).map((n) => [n, known(r, n) ? ratio(executionCounts(r).get(n) ?? 0n, totalInstructions(r)!, 100) : null]))],
  ['uops.executed', keyOr('Optimization uops executed')],
  ['traces.created', keyOr('Optimization traces created')],
  ['optimizer.success', (r) => {
    const s = get(r, 'Optimization optimizer successes');
    const a = get(r, 'Optimization optimizer attempts');
    return s === null || a === null ? null : ratio(s, a, 100);
  }],
  ['gc.collections', (r) => new Map([0, 1, 2].map((g) => [String(g), get(r, `GC[${g}] collections`)]))],
  ['alloc.per_kinstr', (r) => ratio(get(r, 'Object allocations')! + get(r, 'Object allocations from freelist')!, totalInstructions(r)!, 1000)],
  ['frees.per_kinstr', (r) => ratio(get(r, 'Object frees')! + get(r, 'Object frees to freelist')!, totalInstructions(r)!, 1000)],
  ['frames.pushed', keyOr('Frames pushed')],
  ['calls.inlined', (r) => ratio(get(r, 'Calls to Python functions inlined')!, sumWhere(r, (k) => k.includes('Calls to'))!, 100)],
  ['rare', (r) => new Map([...r.counters].filter(([k]) => k.startsWith('Rare event (')).map(([k, v]) => [k.slice(12, -1), v]))],
];

function expectClose(got: number | null, want: Expected, where: string): void {
  if (want === null) {
    expect(got, `${where}: a gap`).toBeNull();
    return;
  }
  expect(got, where).not.toBeNull();
  const w = Number(want);
  expect(Math.abs(got! - w), `${where}: ${got} vs ${w}`).toBeLessThanOrEqual(Math.abs(w) * 1e-12 + 1e-12);
}

for (const name of Object.keys(SERIES) as SeriesName[]) {
  describe(`trend metrics on ${name}`, () => {
    const runs = readSeries(name);

    it('has one point per JSON file, in commit-date order', async () => {
      const r = await computeTrend(store.conn, { metric: 'instructions', ...SERIES[name] });
      expect(r.series).toHaveLength(1);
      expect(r.series[0].points.map((p) => p.date)).toEqual(runs.map((x) => x.commitDate.slice(0, 10)));
      expect(r.series[0].points).toHaveLength(name === 'series_coroutines' ? 8 : 15);
    });

    for (const [metric, expectFn] of CASES) {
      it(metric, async () => {
        const r = await computeTrend(store.conn, { metric, ...SERIES[name] });
        const expected = runs.map((run) => expectFn(run, runs));
        const partsWanted = new Set(expected.flatMap((e) => (e instanceof Map ? [...e.keys()] : [''])));
        const byPart = new Map(r.series.map((s) => [s.part, s]));
        // Every wanted part that has a value somewhere is a line; lines are only wanted parts.
        for (const part of byPart.keys()) expect(partsWanted.has(part), `unexpected part ${part}`).toBe(true);
        for (const part of partsWanted) {
          const want = expected.map((e) => (e instanceof Map ? e.get(part) ?? null : e));
          if (want.every((w) => w === null)) continue;
          const s = byPart.get(part);
          expect(s, `part ${JSON.stringify(part)}`).toBeDefined();
          s!.points.forEach((p, i) => {
            const w = want[i];
            if (typeof w === 'bigint' && r.metric.unit === 'count') expect(p.exact, `${metric} ${part} ${p.date}`).toBe(w);
            expectClose(p.value, w, `${metric} ${part} ${p.date}`);
          });
        }
      });
    }

    it('a custom expression equals the same arithmetic on the JSON', async () => {
      const expr = '"Object allocations" / "Frames pushed" + 2 * "opcode[LOAD_ATTR_*].execution_count"';
      const r = await computeTrend(store.conn, { expr, ...SERIES[name] });
      r.series[0].points.forEach((p, i) => {
        const run = runs[i];
        const glob = sumWhere(run, (k) => /^opcode\[LOAD_ATTR_.*\]\.execution_count$/.test(k));
        const want = glob === null ? null : Number(get(run, 'Object allocations')!) / Number(get(run, 'Frames pushed')!) + 2 * Number(glob);
        expectClose(p.value, want, `custom ${p.date}`);
      });
    });
  });
}
