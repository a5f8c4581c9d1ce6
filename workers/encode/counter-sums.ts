/**
 * Running sums per key over a job's files, for runs stored without per-file rows
 * (`pystats summarize`). Keeps the keys' first-appearance order, which the report's
 * row order depends on.
 *
 * The arrays start large enough for every key of a real run: growing one means assigning
 * a field, and V8 then throws away the optimized parse code that assumed it constant.
 */
import type { CounterSink } from '../decode/raw-text.js';

const SAFE = Number.MAX_SAFE_INTEGER;

export class CounterSums implements CounterSink {
  private sums = new Float64Array(1 << 13);
  private big = new Map<number, bigint>();
  private seen = new Uint8Array(1 << 13);
  /** Key ids in first-appearance order. */
  readonly order: number[] = [];

  add(keyId: number, v: number): void {
    // Out of range (a key past the arrays' size) reads undefined: firstSight grows them.
    if (this.seen[keyId] !== 1) this.firstSight(keyId);
    const s = this.sums[keyId] + v;
    if (s <= SAFE) this.sums[keyId] = s;
    else this.addBig(keyId, BigInt(v));
  }

  addBig(keyId: number, v: bigint): void {
    if (this.seen[keyId] !== 1) this.firstSight(keyId);
    const prev = this.big.get(keyId) ?? BigInt(this.sums[keyId]);
    this.sums[keyId] = 0;
    this.big.set(keyId, prev + v);
  }

  valueOf(keyId: number): bigint | number {
    const b = this.big.get(keyId);
    return b === undefined ? this.sums[keyId] : b + BigInt(this.sums[keyId]);
  }

  /** Key `keyId` is added to for the first time: its place in the order, room for it. */
  private firstSight(keyId: number): void {
    if (keyId >= this.seen.length) {
      const size = Math.max(keyId + 1, this.seen.length * 2);
      const seen = new Uint8Array(size);
      seen.set(this.seen);
      this.seen = seen;
      const sums = new Float64Array(size);
      sums.set(this.sums);
      this.sums = sums;
    }
    this.seen[keyId] = 1;
    this.order.push(keyId);
  }
}
