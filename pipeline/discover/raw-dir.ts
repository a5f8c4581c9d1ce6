/**
 * A raw stats directory (a /tmp/py_stats directory) as one run: its entries in directory
 * order (fs.opendir, as the reference's os.listdir; a sorted listing would change the
 * key order), every entry read as text, or in the order an order file records.
 * Kept apart from the tree walk (discover-inputs.ts) so `pystats summarize`, which only
 * ever reads one directory, does not load a glob library before its workers can start.
 */
import { opendirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export type RunSource =
  | { kind: 'raw'; dir: string; files: string[] }
  | { kind: 'json'; path: string };

export class DiscoveryError extends Error {}

export interface DiscoverOptions {
  /** A file listing raw file names in the order to visit them (reproduces a recorded order). */
  orderFile?: string | null;
}

/**
 * Exactly one raw run from a directory, as summarize_stats.py reads it: every entry, in
 * directory order. A subdirectory is refused (the reference crashes on one).
 */
export async function discoverRawDir(dir: string, opts: DiscoverOptions = {}): Promise<RunSource> {
  const path = resolve(dir);
  let entries: ReturnType<typeof directoryOrder>;
  try {
    entries = directoryOrder(path);
  } catch {
    throw new DiscoveryError(`${dir}: not a readable directory`);
  }
  const sub = entries.find((e) => e.isDirectory);
  if (sub) throw new DiscoveryError(`${dir}: contains the subdirectory ${sub.name}; a raw stats directory holds only files`);
  const order = opts.orderFile ? await readOrderFile(opts.orderFile) : null;
  return rawRun(path, entries.map((e) => e.name), order);
}

export function rawRun(dir: string, names: string[], order: string[] | null): RunSource {
  if (order) {
    const present = new Set(names);
    const missing = order.filter((n) => !present.has(n));
    if (missing.length > 0 && missing.length === order.length) {
      // The order file is for another directory; keep this one's own order.
    } else {
      if (missing.length > 0) throw new DiscoveryError(`${dir}: order file lists ${missing[0]}, which is not in the directory`);
      const listed = new Set(order);
      names = [...order, ...names.filter((n) => !listed.has(n))];
    }
  }
  return { kind: 'raw', dir, files: names.map((n) => join(dir, n)) };
}

/**
 * The entries of `dir` in the order readdir(3) returns them, as os.listdir does
 * (fs.readdirSync may not: it goes through scandir). Read synchronously, 1,024 entries a
 * call: the asynchronous reads wait for a thread-pool thread each time, which took 7–25 ms
 * for 2,000 files while the parse workers were booting, against 1 ms.
 */
export function directoryOrder(dir: string): Array<{ name: string; isDirectory: boolean }> {
  const out: Array<{ name: string; isDirectory: boolean }> = [];
  const handle = opendirSync(dir, { bufferSize: 1024 });
  try {
    for (let e = handle.readSync(); e !== null; e = handle.readSync()) out.push({ name: e.name, isDirectory: e.isDirectory() });
  } finally {
    handle.closeSync();
  }
  return out;
}

export async function readOrderFile(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new DiscoveryError(`${path}: cannot read the order file`);
  });
  return text.split(/\r?\n/).map((l) => basename(l.trim())).filter((l) => l.length > 0);
}
