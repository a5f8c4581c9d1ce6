/**
 * A set of small non-negative ids (store key ids) in insertion order, kept as a mark per
 * id and a list: an add is two loads and a store, where a Set hashes. A batch adds every
 * key of each of its runs that the store lacks, and an archive's batches add millions.
 */
export class IdSet implements Iterable<number> {
  private marks = new Uint8Array(1024);
  private readonly ids: number[] = [];

  add(id: number): void {
    if (id >= this.marks.length) {
      const bigger = new Uint8Array(Math.max(2 * this.marks.length, id + 1));
      bigger.set(this.marks);
      this.marks = bigger;
    }
    if (this.marks[id] === 1) return;
    this.marks[id] = 1;
    this.ids.push(id);
  }

  /** Empties the set (the marks of its ids only: the cost is its size, not the ids' range). */
  clear(): void {
    for (const id of this.ids) this.marks[id] = 0;
    this.ids.length = 0;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.ids[Symbol.iterator]();
  }
}
