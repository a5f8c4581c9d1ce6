/**
 * Per-file counter rows (file, key, value) accumulated in growable typed arrays and
 * turned into one Arrow record batch per job. Values are uint64: written as two uint32
 * halves while they are exact doubles, so the hot path never allocates a BigInt.
 */
import type { CounterSink } from '../decode/raw-text.js';

export class CounterRows implements CounterSink {
  length = 0;
  file = new Uint32Array(1 << 14);
  key = new Uint32Array(1 << 14);
  value = new BigUint64Array(1 << 14);
  private valueHalves = new Uint32Array(this.value.buffer);
  private currentFile = 0;

  startFile(index: number): void {
    this.currentFile = index;
  }

  add(keyId: number, v: number): void {
    const i = this.reserve();
    this.file[i] = this.currentFile;
    this.key[i] = keyId;
    this.valueHalves[2 * i] = v >>> 0; // low 32 bits (ToUint32 is modulo 2^32)
    this.valueHalves[2 * i + 1] = Math.floor(v / 4294967296);
  }

  addBig(keyId: number, v: bigint): void {
    const i = this.reserve();
    this.file[i] = this.currentFile;
    this.key[i] = keyId;
    this.value[i] = v;
  }

  /** Drops rows from `length` on (a file that failed half-way is not kept). */
  truncate(length: number): void {
    this.length = length;
  }

  private reserve(): number {
    if (this.length === this.key.length) {
      const size = this.key.length * 2;
      this.file = growTo(this.file, new Uint32Array(size));
      this.key = growTo(this.key, new Uint32Array(size));
      this.value = growTo(this.value, new BigUint64Array(size));
      this.valueHalves = new Uint32Array(this.value.buffer);
    }
    return this.length++;
  }
}

function growTo<T extends Uint32Array | BigUint64Array>(from: T, to: T): T {
  (to as Uint32Array).set(from as Uint32Array);
  return to;
}
