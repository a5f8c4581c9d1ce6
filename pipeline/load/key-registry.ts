/**
 * Store-wide key ids. Each worker numbers keys on its own; this maps every worker's local
 * ids to the ids of the `keys` table, giving keys the store has not seen the next ids.
 * A new key's row is written by the first run that commits with it, inside that run's
 * transaction (writeNew): a run that rolls back leaves nothing behind, not even its keys,
 * while the ids it was given stay reserved for the runs after it in this ingest.
 */
import type { DuckDBBlobValue, DuckDBConnection } from '@duckdb/node-api';
import { blobText } from '../blob-text.js';

export class KeyRegistry {
  private readonly ids = new Map<string, number>();
  private readonly locals = new Map<number, Int32Array>();
  private readonly localCounts = new Map<number, number>();
  /** Keys given an id here whose row no committed run has written yet. */
  private readonly unwritten = new Map<number, string>();
  private nextId = 0;

  private constructor() {}

  static async load(conn: DuckDBConnection): Promise<KeyRegistry> {
    const reg = new KeyRegistry();
    // Read as bytes (blob-text.ts): a key "\uFEFFx" read back as "x" took over x's id.
    const rows = (await conn.runAndReadAll('SELECT key_id, encode(key) FROM keys')).getRows();
    for (const [id, bytes] of rows) {
      reg.ids.set(blobText(bytes as DuckDBBlobValue), id as number);
      reg.nextId = Math.max(reg.nextId, (id as number) + 1);
    }
    return reg;
  }

  get size(): number {
    return this.nextId;
  }

  /** The store id of a key, giving it the next one when new. */
  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(key, id);
      this.unwritten.set(id, key);
    }
    return id;
  }

  /**
   * Learns the local ids of a worker's keys: `workerKeys` is every key the worker has
   * announced, local id = index (ParsePool.keysOf); the ones past those already learned are new here.
   */
  learn(workerId: number, workerKeys: readonly string[]): void {
    const count = this.localCounts.get(workerId) ?? 0;
    if (workerKeys.length <= count) return;
    const newKeys = workerKeys.slice(count);
    let map = this.locals.get(workerId) ?? new Int32Array(1024);
    if (count + newKeys.length > map.length) {
      const bigger = new Int32Array(Math.max(map.length * 2, count + newKeys.length));
      bigger.set(map);
      map = bigger;
    }
    newKeys.forEach((key, i) => {
      map[count + i] = this.idOf(key);
    });
    this.locals.set(workerId, map);
    this.localCounts.set(workerId, count + newKeys.length);
  }

  /** Rewrites a batch's worker-local key ids into store ids, in place. */
  translate(workerId: number, keys: Uint32Array, length: number): void {
    const map = this.locals.get(workerId);
    if (!map) {
      if (length > 0) throw new Error(`no keys learned from worker ${workerId}`);
      return;
    }
    for (let i = 0; i < length; i++) keys[i] = map[keys[i]];
  }

  /**
   * Writes the rows of those of `ids` (a run's keys) not written yet, on `conn`, inside
   * the run's open transaction. Returns them, for `written` once the run has committed.
   */
  async writeNew(conn: DuckDBConnection, ids: Iterable<number>): Promise<number[]> {
    const rows: number[] = [];
    for (const id of ids) if (this.unwritten.has(id)) rows.push(id);
    if (rows.length === 0) return rows;
    // An appender, not INSERT … VALUES: a first run brings about 1,500 keys, and binding
    // them as parameters took about 15 ms of every summarize.
    const appender = await conn.createAppender('keys');
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

  /** Whether any key is still to be written (after the first runs of an ingest, none is). */
  get hasUnwritten(): boolean {
    return this.unwritten.size > 0;
  }

  /** The rows writeNew wrote are committed. */
  written(ids: number[]): void {
    for (const id of ids) this.unwritten.delete(id);
  }
}
