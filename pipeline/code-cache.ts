/**
 * Runs a CommonJS bundle (dist/bundles/*.cjs) through a V8 code cache, as Node 22's
 * module.enableCompileCache() does; Node 20 has no such switch.
 *
 * Why: a short command spends much of its time compiling JavaScript, not running it.
 * yargs, @duckdb/node-api, apache-arrow and the report renderer are 1.5 MB that every
 * `pystats` process parses, and every parse worker does the same for its 0.36 MB. A code
 * cache holds the bytecode of each function the warm-up compiled, so a later process
 * deserializes it instead. Measured when it came in: a one-file `pystats summarize`
 * 0.33 → 0.27 s, a parse worker's first result 63 → 45 ms.
 *
 * The cache (`BUNDLE.v8cache`) is written by `make build` (build.mjs runs a summarize of
 * the bundled sample with PYSTATS_CODE_CACHE=write). V8 checks it against its own version,
 * its flags and the bundle: when it does not fit (another Node, --cpu-prof…) it is
 * ignored and the bundle compiles as usual, only slower.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { isMainThread, parentPort } from 'node:worker_threads';

const WRITE = process.env.PYSTATS_CODE_CACHE === 'write';

/** Runs `bundle` as Node would require() it, with its code cache when one fits. */
export function runCommonJsBundle(bundle: string): void {
  const cacheFile = codeCacheOf(bundle);
  const script = compileBundle(bundle, WRITE ? undefined : readIfPresent(cacheFile));
  if (WRITE) saveWhenWarm(() => writeAtomically(cacheFile, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

export function codeCacheOf(bundle: string): string {
  return `${bundle}.v8cache`;
}

/**
 * The bundle wrapped as Node's CommonJS loader wraps a module; `cachedDataRejected` says
 * whether the cache fit. Read as Latin-1: the build makes the bundles pure ASCII
 * (build.mjs, asciiOnly), which Latin-1 decodes exactly, and it makes V8's one-byte
 * string without UTF-8's validation pass (the CLI's 1.6 MB in 15 ms instead of 20,
 * medians of fresh processes).
 */
export function compileBundle(bundle: string, cachedData?: Buffer): Script {
  return new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'latin1')}\n})`, {
    filename: bundle,
    cachedData,
  });
}

/**
 * The cache holds what was compiled by the time it is written: the main thread writes it
 * as the process exits, a worker after each job (it is terminated, it never exits).
 */
function saveWhenWarm(save: () => void): void {
  if (isMainThread) process.on('exit', save);
  else parentPort?.on('message', () => setImmediate(save));
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Concurrent writers (both parse workers) never leave a torn file behind. */
function writeAtomically(file: string, bytes: Buffer): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}
