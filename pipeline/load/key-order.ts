/**
 * A run's keys in first-appearance order across its files, with `__nfiles__` placed where
 * the reference's loader puts it: right after the keys of the run's first file. Several
 * report row orders depend on this order (run_counters' `ord`).
 */
export class KeyOrder {
  /** The run's key ids so far are [0, count) of this buffer, reused run after run. */
  private ids = new Int32Array(4096);
  private count = 0;
  private seen = new Uint8Array(0);
  private nfilesPlaced = false;

  constructor(private readonly nfilesKey: number) {}

  /** The run's key ids so far, in order (a view, valid until the next reset). */
  get keys(): Int32Array {
    return this.ids.subarray(0, this.count);
  }

  /**
   * A new run, over key ids below `keyCount`. `nfilesPlaced`: its __nfiles__ needs no
   * placing (a JSON run carries its own in key order; a run of no files has none).
   */
  reset(keyCount: number, nfilesPlaced: boolean): void {
    this.count = 0;
    if (this.seen.length < keyCount + 1) this.seen = new Uint8Array(keyCount + 1024);
    else this.seen.fill(0);
    this.nfilesPlaced = nfilesPlaced;
  }

  /**
   * A job's rows of the run (`firstFileIndex`: the run's index of the job's first file).
   * `sums`: the rows are a job's sums, a key's rows adjacent (a sum past 64 bits spans
   * several), and `keysAfterFirstFile` of them come from the run's first file.
   */
  extend(keys: Uint32Array, files: Uint32Array, length: number, firstFileIndex: number, keysAfterFirstFile: number, sums: boolean, keyCount: number): void {
    if (this.seen.length < keyCount) {
      const bigger = new Uint8Array(keyCount + 1024);
      bigger.set(this.seen);
      this.seen = bigger;
    }
    const placing = firstFileIndex === 0 && !this.nfilesPlaced;
    const seen = this.seen;
    let distinct = 0;
    for (let i = 0; i < length; i++) {
      const k = keys[i];
      const nextKey = sums && (i === 0 || k !== keys[i - 1]);
      if (placing && !this.nfilesPlaced && (sums ? nextKey && distinct === keysAfterFirstFile : files[i] > 0)) this.placeNfiles();
      if (nextKey) distinct++;
      if (seen[k] === 0) {
        seen[k] = 1;
        this.push(k);
      }
    }
    if (placing && !this.nfilesPlaced) this.placeNfiles();
  }

  /** __nfiles__ next, unless placed already (the run is complete: placed at the end if its first file never ended). */
  placeNfiles(): void {
    if (this.nfilesPlaced) return;
    this.nfilesPlaced = true;
    if (this.seen[this.nfilesKey] === 0) {
      this.seen[this.nfilesKey] = 1;
      this.push(this.nfilesKey);
    }
  }

  private push(k: number): void {
    if (this.count === this.ids.length) {
      const bigger = new Int32Array(2 * this.ids.length);
      bigger.set(this.ids);
      this.ids = bigger;
    }
    this.ids[this.count++] = k;
  }
}
