/**
 * Parse workers started before the argument parser loads. A worker thread spends about
 * 25 ms booting Node, and a whole `pystats summarize` of 2,000 files takes about a third of
 * a second: booting the workers while yargs and the commands load is time won. Only the
 * commands that parse start them: ingest one per core, summarize one (it adds more once
 * it knows the input's size, pipeline/summarize/start.ts). The handler takes them with
 * parsePool(), which adds workers when --workers asks for more, or replaces them.
 */
import { ParsePool, defaultWorkerCount } from '../pipeline/load/worker-pool.js';

const EARLY_WORKERS: Record<string, () => number> = {
  ingest: defaultWorkerCount,
  summarize: () => 1,
};

let early: ParsePool | null = null;

export function startEarlyWorkers(argv: string[]): void {
  const size = Object.hasOwn(EARLY_WORKERS, argv[0]) ? EARLY_WORKERS[argv[0]]() : 0;
  if (size === 0 || argv.includes('--help')) return;
  early = new ParsePool(size);
  // Until a command takes them, they must not keep the process alive (a usage error
  // exits through yargs without ever reaching a handler).
  early.keepAlive(false);
}

/** A pool of `size` parse workers: the early one, grown to `size` when it has fewer. */
export function parsePool(size: number): ParsePool {
  const pool = early;
  early = null;
  if (pool && pool.size <= size) {
    pool.keepAlive(true);
    pool.grow(size);
    return pool;
  }
  void pool?.close();
  return new ParsePool(size);
}
