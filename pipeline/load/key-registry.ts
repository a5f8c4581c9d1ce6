/**
 * Store-wide key ids. Each worker numbers keys on its own; this maps every worker's local
 * ids to the ids of the `keys` table, adding keys the store has not seen. New keys are
 * written on a connection of their own, outside the run transaction: a run that rolls
 * back leaves its keys behind, which is harmless (a dictionary) and keeps ids stable.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export class KeyRegistry {
  private readonly ids = new Map<string, number>();
  private readonly locals = new Map<number, Int32Array>();
  private readonly localCounts = new Map<number, number>();
  private nextId = 0;

  private constructor(private readonly conn: DuckDBConnection) {}

  static async load(conn: DuckDBConnection): Promise<KeyRegistry> {
    const reg = new KeyRegistry(conn);
    const rows = (await conn.runAndReadAll('SELECT key_id, key FROM keys')).getRows();
    for (const [id, key] of rows) {
      reg.ids.set(key as string, id as number);
      reg.nextId = Math.max(reg.nextId, (id as number) + 1);
    }
    return reg;
  }

  get size(): number {
    return this.nextId;
  }

  /** The store id of a key, adding it when new. */
  async idOf(key: string): Promise<number> {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(key, id);
      await this.conn.run('INSERT INTO keys VALUES ($1, $2)', [id, key]);
    }
    return id;
  }

  /**
   * Learns the local ids of a worker's keys: `workerKeys` is every key the worker has
   * announced, local id = index (ParsePool.keysOf); the ones past those already learned are new here.
   */
  async learn(workerId: number, workerKeys: readonly string[]): Promise<void> {
    const count = this.localCounts.get(workerId) ?? 0;
    if (workerKeys.length <= count) return;
    const newKeys = workerKeys.slice(count);
    let map = this.locals.get(workerId) ?? new Int32Array(1024);
    if (count + newKeys.length > map.length) {
      const bigger = new Int32Array(Math.max(map.length * 2, count + newKeys.length));
      bigger.set(map);
      map = bigger;
    }
    const fresh: Array<[number, string]> = [];
    newKeys.forEach((key, i) => {
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.nextId++;
        this.ids.set(key, id);
        fresh.push([id, key]);
      }
      map[count + i] = id;
    });
    this.locals.set(workerId, map);
    this.localCounts.set(workerId, count + newKeys.length);
    if (fresh.length > 0) await this.insert(fresh);
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

  private async insert(rows: Array<[number, string]>): Promise<void> {
    // An appender, not INSERT … VALUES: a first run brings about 1,500 keys, and binding
    // them as parameters took about 15 ms of every summarize.
    const appender = await this.conn.createAppender('keys');
    try {
      for (const [id, key] of rows) {
        appender.appendInteger(id);
        appender.appendVarchar(key);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }
}
