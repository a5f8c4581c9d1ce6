/**
 * Columns made for one append and dropped after it (ColumnAppender copies what it is
 * given), kept in buffers reused run after run: 20,000 runs made 60,000 short-lived
 * typed arrays, and their garbage collection, for nothing.
 */
let iota = new Int32Array(0);
let same = new Int32Array(0);

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

