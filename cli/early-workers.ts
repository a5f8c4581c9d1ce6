/**
 * Parse workers started before the argument parser loads. A worker thread spends about
 * 25 ms booting Node, and a whole `pystats summarize` of 2,000 files takes about half a
 * second: booting the workers while yargs and the commands load is time won. Only the
 * commands that parse start them, with the default size; the handler takes them with
 * parsePool(), which replaces them when --workers asks for another size.
 */
import { ParsePool, defaultWorkerCount } from '../pipeline/load/worker-pool.js';

const PARSING_COMMANDS = new Set(['summarize', 'ingest']);

let early: ParsePool | null = null;

export function startEarlyWorkers(argv: string[]): void {
  if (!PARSING_COMMANDS.has(argv[0]) || argv.includes('--help')) return;
  early = new ParsePool(defaultWorkerCount());
  // Until a command takes them, they must not keep the process alive (a usage error
  // exits through yargs without ever reaching a handler).
  early.keepAlive(false);
}

/** A pool of `size` parse workers: the early one when it fits. */
export function parsePool(size: number): ParsePool {
  const pool = early;
  early = null;
  if (pool && pool.size === size) {
    pool.keepAlive(true);
    return pool;
  }
  void pool?.close();
  return new ParsePool(size);
}
