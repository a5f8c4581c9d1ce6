/**
 * Worker-local ids of a JSON run's texts (its defines tables, specialized instructions,
 * bench_runner metadata): each distinct text crosses to the main thread once, announced in
 * a result's `newTexts` (local id = order of announcement over the worker's life), and
 * runs refer to it by id. An archive's runs of one CPython share most of theirs; sent with
 * every run they were 12 kB a run to copy between threads and into the store.
 */
export class TextIds {
  private readonly ids = new Map<string, number>();
  private pending: string[] = [];

  idOf(text: string | null): number | null {
    if (text === null) return null;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
      this.pending.push(text);
    }
    return id;
  }

  /** Texts given an id since the last call, in id order. */
  drainNewTexts(): string[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
