/**
 * Store-wide ids of the strings workers number on their own: counter keys (the `keys`
 * table) and a JSON run's texts (`texts`: its defines tables, metadata…). This maps every
 * worker's local ids to the table's ids, giving strings the store has not seen the next
 * ids. A new string's row is written by the first batch that commits with it, inside that
 * batch's transaction (writeNew): a batch that rolls back leaves nothing behind, not even
 * its strings, while the ids they were given stay reserved for the runs after it in this
 * ingest. So each text crosses from a worker once, not once per run that has it.
 */
import type { DuckDBBlobValue, DuckDBConnection } from '@duckdb/node-api';
import { blobText } from '../blob-text.js';

/** The two tables of interned strings: their names are the code's own, never a user's. */
const TABLES = {
  keys: { id: 'key_id', text: 'key' },
  texts: { id: 'text_id', text: 'text' },
} as const;

export class StringRegistry {
  private readonly ids = new Map<string, number>();
  private readonly locals = new Map<number, Int32Array>();
  private readonly localCounts = new Map<number, number>();
  /** Strings given an id here whose row no committed batch has written yet. */
  private readonly unwritten = new Map<number, string>();
  /** 1 at the ids of `unwritten`: the per-run check (isUnwritten) is a load, not a hash lookup. */
  private unwrittenMarks = new Uint8Array(1024);
  private nextId = 0;

  private constructor(private readonly table: keyof typeof TABLES) {}

  static async load(conn: DuckDBConnection, table: keyof typeof TABLES): Promise<StringRegistry> {
    const reg = new StringRegistry(table);
    const { id, text } = TABLES[table];
    // Read as bytes (blob-text.ts): a key "\uFEFFx" read back as "x" took over x's id.
    const rows = (await conn.runAndReadAll(`SELECT ${id}, encode(${text}) FROM ${table}`)).getRows();
    for (const [id, bytes] of rows) {
      reg.ids.set(blobText(bytes as DuckDBBlobValue), id as number);
      reg.nextId = Math.max(reg.nextId, (id as number) + 1);
    }
    return reg;
  }

  /** One past the highest id given. */
  get size(): number {
    return this.nextId;
  }

  /** The store id of a string, giving it the next one when new. */
  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(text, id);
      this.unwritten.set(id, text);
      if (id >= this.unwrittenMarks.length) {
        const bigger = new Uint8Array(Math.max(2 * this.unwrittenMarks.length, id + 1));
        bigger.set(this.unwrittenMarks);
        this.unwrittenMarks = bigger;
      }
      this.unwrittenMarks[id] = 1;
    }
    return id;
  }

  /** Whether string `id`'s row is still to be written by a batch. */
  isUnwritten(id: number): boolean {
    return this.unwrittenMarks[id] === 1;
  }

  /**
   * Learns the local ids of a worker's strings: `announced` is every string the worker
   * has announced, local id = index (ParsePool.keysOf / textsOf); the ones past those
   * already learned are new here.
   */
  learn(workerId: number, announced: readonly string[]): void {
    const count = this.localCounts.get(workerId) ?? 0;
    if (announced.length <= count) return;
    const fresh = announced.slice(count);
    let map = this.locals.get(workerId) ?? new Int32Array(1024);
    if (count + fresh.length > map.length) {
      const bigger = new Int32Array(Math.max(map.length * 2, count + fresh.length));
      bigger.set(map);
      map = bigger;
    }
    fresh.forEach((text, i) => {
      map[count + i] = this.idOf(text);
    });
    this.locals.set(workerId, map);
    this.localCounts.set(workerId, count + fresh.length);
  }

  /** Rewrites worker-local ids into store ids, in place; true when any of them is unwritten. */
  translate(workerId: number, ids: Uint32Array, length: number): boolean {
    const map = this.mapOf(workerId, length);
    const marks = this.unwrittenMarks;
    let unwritten = 0;
    for (let i = 0; i < length; i++) {
      const id = map[ids[i]];
      ids[i] = id;
      unwritten |= marks[id];
    }
    return unwritten !== 0;
  }

  /** The store id of one worker-local id (null stays null). */
  storeId(workerId: number, local: number | null): number | null {
    return local === null ? null : this.mapOf(workerId, 1)[local];
  }

  private mapOf(workerId: number, needed: number): Int32Array {
    const map = this.locals.get(workerId);
    if (!map && needed > 0) throw new Error(`no ${this.table} learned from worker ${workerId}`);
    return map ?? new Int32Array(0);
  }

  /**
   * Writes the rows of those of `ids` (a batch's strings) not written yet, on `conn`,
   * inside the batch's open transaction. Returns them, for `written` once it has committed.
   */
  async writeNew(conn: DuckDBConnection, ids: Iterable<number>): Promise<number[]> {
    const rows: number[] = [];
    for (const id of ids) if (this.unwritten.has(id)) rows.push(id);
    if (rows.length === 0) return rows;
    // An appender, not INSERT … VALUES: a first run brings about 1,500 keys, and binding
    // them as parameters took about 15 ms of every summarize.
    const appender = await conn.createAppender(this.table);
    try {
      for (const id of rows) {
        appender.appendInteger(id);
        appender.appendVarchar(this.unwritten.get(id)!);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return rows;
  }

  /** Whether any string is still to be written (after the first runs of an ingest, seldom). */
  get hasUnwritten(): boolean {
    return this.unwritten.size > 0;
  }

  /** The rows writeNew wrote are committed. */
  written(ids: number[]): void {
    for (const id of ids) {
      this.unwritten.delete(id);
      this.unwrittenMarks[id] = 0;
    }
  }
}
