/**
 * Columns made for one append and dropped after it (ColumnAppender copies what it is
 * given), kept in buffers reused run after run: 20,000 runs made 60,000 short-lived
 * typed arrays, and their garbage collection, for nothing.
 */
let iota = new Int32Array(0);
let same = new Int32Array(0);
let wide = new BigUint64Array(0);

/** 0, 1, … n - 1. */
export function ordinals(n: number): Int32Array {
  if (iota.length < n) iota = Int32Array.from({ length: Math.max(n, 2 * iota.length, 4096) }, (_, i) => i);
  return iota.subarray(0, n);
}

/** `value` n times (valid until the next call). */
export function repeated(value: number, n: number): Int32Array {
  if (same.length < n) same = new Int32Array(Math.max(n, 2 * same.length, 4096));
  return same.subarray(0, n).fill(value);
}

/**
 * Unsigned 64-bit values as a HUGEINT column (high words zero; DuckDB's hugeint_t is a
 * (low, high) pair of words on little-endian machines), copied word by word: no BigInt
 * made. Valid until the next call.
 */
export function hugeints(values: BigUint64Array, n: number): BigUint64Array {
  if (wide.length < 2 * n) wide = new BigUint64Array(Math.max(2 * n, 2 * wide.length, 8192));
  const from = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const to = new Uint32Array(wide.buffer, 0, 4 * n);
  for (let i = 0; i < n; i++) {
    to[4 * i] = from[2 * i];
    to[4 * i + 1] = from[2 * i + 1];
    to[4 * i + 2] = 0;
    to[4 * i + 3] = 0;
  }
  return wide.subarray(0, 2 * n);
}
