/**
 * The custom metric expression: the only user text that shapes SQL. It must parse into
 * the small grammar or be refused, keys must never reach the SQL text, and hostile keys
 * must behave as plain (missing) keys on a real store.
 */
import { describe, expect, it } from 'vitest';
import { CustomMetricError, keyLikePattern, parseCustomMetric } from '../pipeline/trend/metrics/custom-metric.js';
import { computeTrend } from '../pipeline/trend/run-trend.js';
import { count } from './helpers/store.js';
import { readSeries, useSeriesStore } from './trend-fixtures.js';

describe('custom metric parsing', () => {
  it('accepts arithmetic over quoted keys, numbers and whitelisted functions', () => {
    const m = parseCustomMetric('100 * ("a b" - "c[d].e") / greatest("a b", 1e3, .5) + ln("x*")');
    expect(m.keys).toEqual([
      { text: 'a b', glob: false }, { text: 'c[d].e', glob: false }, { text: 'x*', glob: true },
    ]);
    const sql = m.toSql((i) => `C${i}`);
    expect(sql).toBe('(((100::DOUBLE * (C0 - C1)) / nullif(greatest(C0, 1e3::DOUBLE, .5::DOUBLE), 0)) + (CASE WHEN C2 > 0 THEN ln(C2) END))');
  });

  it('keeps key text out of the SQL, however it looks', () => {
    const hostile = `x'); DROP TABLE runs; --`;
    const m = parseCustomMetric(`"${hostile}" / "y"`);
    expect(m.keys[0].text).toBe(hostile);
    expect(m.toSql((i) => `$k${i}`)).toBe('($k0 / nullif($k1, 0))');
  });

  it('reads "" inside a key as one quote', () => {
    expect(parseCustomMetric('"say ""hi"""').keys[0].text).toBe('say "hi"');
  });

  for (const [expr, why] of [
    ['"a"; DROP TABLE runs', 'a statement separator'],
    ["'a' || 'b'", 'string literals and operators outside the grammar'],
    ['sum("a")', 'functions that are not on the list'],
    ['runs', 'bare identifiers (SQL columns or tables)'],
    ['"a" +', 'a dangling operator'],
    ['("a"', 'an unclosed parenthesis'],
    ['"a', 'an unterminated key'],
    ['1 + 2', 'no key at all'],
    ['nullif("a")', 'the wrong number of arguments'],
    ['"a" -- comment', 'SQL comments'],
    ['', 'nothing'],
  ]) {
    it(`refuses ${why}`, () => {
      expect(() => parseCustomMetric(expr)).toThrow(CustomMetricError);
    });
  }

  it('turns * into a LIKE pattern with the other LIKE characters escaped', () => {
    expect(keyLikePattern('opcode[LOAD_ATTR_*].execution_count')).toBe('opcode[LOAD\\_ATTR\\_%].execution\\_count');
    expect(keyLikePattern('100%')).toBe('100\\%');
  });
});

describe('custom metric on a real store', () => {
  const store = useSeriesStore('series_coroutines');
  const runs = readSeries('series_coroutines');

  it('a hostile key is just a key that does not exist: a gap, and the store is untouched', async () => {
    const before = await count(store, 'SELECT count(*) FROM runs');
    const r = await computeTrend(store.conn, { expr: `"x'); DROP TABLE runs; --" + "Frames pushed"`, filters: { benchmark: 'coroutines' }, by: [] });
    expect(r.series[0].points.every((p) => p.value === null)).toBe(true);
    expect(await count(store, 'SELECT count(*) FROM runs')).toBe(before);
  });

  it('division by zero gives a gap, not an error', async () => {
    // Every coroutines run has GC[0] collections = 0.
    const r = await computeTrend(store.conn, { expr: '"Frames pushed" / "GC[0] collections"', filters: { benchmark: 'coroutines' }, by: [] });
    expect(runs.every((x) => x.counters.get('GC[0] collections') === 0n)).toBe(true);
    expect(r.series[0].points.map((p) => p.value)).toEqual(runs.map(() => null));
  });
});
