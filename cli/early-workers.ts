/**
 * Parse workers started before anything else. A worker thread takes 25–40 ms to boot, and
 * a `pystats summarize` of 2,000 files takes about a third of a second, most of it one
 * worker parsing: the launcher (cli/main.ts) starts the workers before it even reads the
 * command line's bundle. Only the commands that parse get them: ingest one per core,
 * summarize one (it adds more once it knows the input's size, pipeline/summarize/start.ts).
 *
 * The command's handler takes them with parsePool(), which adds workers when --workers
 * asks for more, or replaces them. The launcher and the bundle are compiled apart, each
 * with its own copy of this module, so the pool passes from one to the other through a
 * well-known symbol on globalThis.
 */
import { ParsePool, defaultWorkerCount } from '../pipeline/load/worker-pool.js';

const EARLY_WORKERS: Record<string, () => number> = {
  ingest: defaultWorkerCount,
  summarize: () => 1,
};

const EARLY_POOL = Symbol.for('pystats.earlyParsePool');
const registry = globalThis as Record<symbol, ParsePool | undefined>;

export function startEarlyWorkers(argv: string[]): void {
  const size = Object.hasOwn(EARLY_WORKERS, argv[0]) ? EARLY_WORKERS[argv[0]]() : 0;
  if (size === 0 || argv.includes('--help')) return;
  const pool = new ParsePool(size);
  // Until a command takes them, they must not keep the process alive (a usage error
  // exits through yargs without ever reaching a handler).
  pool.keepAlive(false);
  registry[EARLY_POOL] = pool;
}

/** A pool of `size` parse workers: the early one, grown to `size` when it has fewer. */
export function parsePool(size: number): ParsePool {
  const pool = registry[EARLY_POOL];
  delete registry[EARLY_POOL];
  if (pool && pool.size <= size) {
    pool.keepAlive(true);
    pool.grow(size);
    return pool;
  }
  void pool?.close();
  return new ParsePool(size);
}
