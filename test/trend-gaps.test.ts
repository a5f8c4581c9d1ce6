/**
 * Renamed instructions on the real coroutines series (3.14.0a2+ ... 3.15.0a0): the old
 * and new names show gaps where their CPython lacks them, never zeros, while the family
 * metric reads one continuous series. Also the Markdown, CSV and JSON renderings of a gap.
 */
import { describe, expect, it } from 'vitest';
import { computeTrend } from '../pipeline/trend/run-trend.js';
import { renderCsv, renderJson, renderMarkdown } from '../pipeline/trend/render/render.js';
import { readSeries, useSeriesStore } from './trend-fixtures.js';

const store = useSeriesStore('series_coroutines');
const runs = readSeries('series_coroutines');

async function values(metric: string): Promise<Array<number | null>> {
  const r = await computeTrend(store.conn, { metric, filters: { benchmark: 'coroutines' }, by: [] });
  expect(r.series).toHaveLength(1);
  return r.series[0].points.map((p) => p.value);
}

/** Which runs' JSON has the key at all. */
function hasKey(key: string): boolean[] {
  return runs.map((r) => r.counters.has(key));
}

describe('gaps where a key does not exist', () => {
  it('LOAD_CONST_IMMORTAL: counted while 3.14 has it, a gap on 3.15 (not a zero)', async () => {
    const v = await values('opcode.count:LOAD_CONST_IMMORTAL');
    const present = hasKey('opcode[LOAD_CONST_IMMORTAL].execution_count');
    expect(present).toEqual([true, true, true, true, true, true, false, false]);
    expect(v.map((x) => x !== null)).toEqual(present);
    expect(v.slice(6)).toEqual([null, null]);
  });

  it('LOAD_CONST_MORTAL appears with 3.14.0a4+ and is gone again on 3.15', async () => {
    const v = await values('opcode.count:LOAD_CONST_MORTAL');
    expect(v.map((x) => x !== null)).toEqual(hasKey('opcode[LOAD_CONST_MORTAL].execution_count'));
    expect(v.map((x) => x !== null)).toEqual([false, false, false, true, true, true, false, false]);
  });

  it('BINARY_SUBSCR_TUPLE_INT becomes BINARY_OP_SUBSCR_TUPLE_INT: complementary gaps', async () => {
    const old = await values('opcode.count:BINARY_SUBSCR_TUPLE_INT');
    const renamed = await values('opcode.count:BINARY_OP_SUBSCR_TUPLE_INT');
    expect(old.map((x) => x !== null)).toEqual([true, true, true, true, false, false, false, false]);
    expect(renamed.map((x) => x !== null)).toEqual([false, false, false, false, true, true, true, true]);
    // The same work, counted under either name.
    expect(new Set([...old, ...renamed].filter((x) => x !== null))).toEqual(new Set([60]));
  });

  it('the LOAD_CONST family is continuous across both renames', async () => {
    const v = await values('family.count:LOAD_CONST');
    expect(v.every((x) => x !== null)).toBe(true);
    // LOAD_CONST + LOAD_CONST_IMMORTAL + LOAD_CONST_MORTAL: the same number on every version.
    const manual = runs.map((r) => ['LOAD_CONST', 'LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL']
      .reduce((s, n) => s + (r.counters.get(`opcode[${n}].execution_count`) ?? 0n), 0n));
    expect(v).toEqual(manual.map(Number));
    expect(new Set(v).size).toBe(1);
  });

  it('BINARY_SUBSCR specialization stats stop (a gap) once the family is gone', async () => {
    const v = await values('spec.hit:BINARY_SUBSCR');
    expect(v.map((x) => x !== null)).toEqual(hasKey('opcode[BINARY_SUBSCR].specializable'));
    expect(v.slice(4)).toEqual([null, null, null, null]);
  });

  it('tier-2 counters exist only in the PYTHON_UOPS runs of the series', async () => {
    const v = await values('uops.executed');
    expect(v.map((x) => x !== null)).toEqual(hasKey('Optimization uops executed'));
    expect(v.filter((x) => x !== null).length).toBeGreaterThan(0);
    expect(v.filter((x) => x === null).length).toBeGreaterThan(0);
  });

  it('renders a gap as "—" in Markdown, empty in CSV and null in JSON', async () => {
    const r = await computeTrend(store.conn, { metric: 'opcode.count:LOAD_CONST_IMMORTAL', filters: { benchmark: 'coroutines' }, by: [] });
    const md = renderMarkdown(r);
    const lastRows = md.split('\n').filter((l) => l.startsWith('| 2025-06'));
    expect(lastRows).toHaveLength(2);
    for (const row of lastRows) expect(row.split('|').map((c) => c.trim())[5]).toBe('—');
    const csv = renderCsv(r).trim().split('\n');
    const header = csv[0].split(',');
    const last = csv.at(-1)!.split(',');
    expect(last[header.indexOf('value')]).toBe('');
    const json = JSON.parse(renderJson(r)) as { series: Array<{ points: Array<{ value: number | null }> }> };
    expect(json.series[0].points.map((p) => p.value).slice(6)).toEqual([null, null]);
    expect(json.series[0].points[0].value).toBe(116537400);
  });
});
