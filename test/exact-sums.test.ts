/**
 * load/exact-sums.ts: a raw run's sums added up from its per-file rows in 32-bit halves.
 * Checked against BigInt sums on values at the edges of uint64 (sums past 2^64 come out
 * as several rows, which DuckDB adds into HUGEINT), over several batches and a reset.
 */
import { describe, expect, it } from 'vitest';
import { ExactSums } from '../pipeline/load/exact-sums.js';
import type { CounterColumns } from '../schemas/arrow.js';

const MAX = (1n << 64n) - 1n;

function batch(rows: Array<[number, bigint]>): CounterColumns {
  return {
    length: rows.length,
    file: new Uint32Array(rows.length),
    key: Uint32Array.from(rows.map(([k]) => k)),
    value: BigUint64Array.from(rows.map(([, v]) => v)),
  };
}

function sumOf(sums: ExactSums, k: number): { total: bigint; rows: bigint[] } {
  const out = { keys: [] as number[], values: [] as bigint[] };
  sums.rowsOf(k, out);
  expect(out.keys.every((x) => x === k)).toBe(true);
  for (const v of out.values) expect(v <= MAX).toBe(true);
  return { total: out.values.reduce((a, b) => a + b, 0n), rows: out.values };
}

describe('ExactSums', () => {
  it('sums uint64 values exactly, past 2^64, across batches', () => {
    const sums = new ExactSums();
    sums.reset(4);
    const values = [MAX, MAX, 1n, (1n << 63n) + 12345n, 2n ** 53n + 1n, 0n, 4294967295n, 4294967296n];
    const want = new Map<number, bigint>();
    let seed = 7;
    for (let b = 0; b < 5; b++) {
      const rows: Array<[number, bigint]> = [];
      for (let i = 0; i < 300; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const k = seed % 5;
        const v = values[(seed >> 8) % values.length];
        rows.push([k, v]);
        want.set(k, (want.get(k) ?? 0n) + v);
      }
      sums.add(batch(rows));
    }
    for (const [k, v] of want) {
      expect(sums.has(k)).toBe(true);
      expect(sumOf(sums, k).total).toBe(v);
    }
    expect(sumOf(sums, [...want.keys()][0]).rows.length).toBeGreaterThan(1); // past 2^64: several rows
    expect(sums.has(9)).toBe(false);
  });

  it('starts from zero after reset, and grows for key ids past its size', () => {
    const sums = new ExactSums();
    sums.reset(2);
    sums.add(batch([[0, 5n], [1, MAX]]));
    sums.reset(2);
    sums.add(batch([[0, 1n], [70000, 3n], [70000, MAX]]));
    expect(sumOf(sums, 0).total).toBe(1n);
    expect(sums.has(1)).toBe(false);
    expect(sumOf(sums, 70000).total).toBe(MAX + 3n);
  });
});
