/**
 * A raw stats directory (a /tmp/py_stats directory) as one run: its entries in directory
 * order (fs.opendir, as the reference's Path.iterdir; a sorted listing would change the
 * key order), every file read as text, or in the order an order file records.
 * Kept apart from the tree walk (discover-inputs.ts) so `pystats summarize`, which only
 * ever reads one directory, does not load a glob library before its workers can start.
 *
 * The reference opens every entry, whatever it is, so a subdirectory, a link to one or a
 * link loop crashes it, and a FIFO hangs it. Here a link is followed once, to what it
 * points at: a link to a file is read as that file; directories, links to directories,
 * link loops and anything that is not a regular file are skipped with a warning naming
 * them. A dangling link stays in the run and fails it when read (a file is missing).
 */
import { opendirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export type RunSource =
  | { kind: 'raw'; dir: string; files: string[] }
  | { kind: 'json'; path: string; siblingBenchmarks?: string[] };

export class DiscoveryError extends Error {}

export interface DiscoverOptions {
  /** A file listing raw file names in the order to visit them (reproduces a recorded order). */
  orderFile?: string | null;
  /** Entries skipped (directories, links to them, link loops, FIFOs…), one message each. */
  onWarning?: (message: string) => void;
}

/**
 * Exactly one raw run from a directory, as summarize_stats.py reads it: every file, in
 * directory order; subdirectories are skipped with a warning (the reference crashes on one).
 */
export async function discoverRawDir(dir: string, opts: DiscoverOptions = {}): Promise<RunSource> {
  const path = resolve(dir);
  let entries: DirEntry[];
  try {
    entries = directoryOrder(path);
  } catch {
    throw new DiscoveryError(`${dir}: not a readable directory`);
  }
  const order = opts.orderFile ? await readOrderFile(opts.orderFile) : null;
  return rawRun(path, rawFileNames(path, entries, opts.onWarning), order);
}

/**
 * The names of the entries to read as raw files, in the order given. Regular files go
 * through untouched (their type comes with the listing: no stat); anything else is
 * resolved with one stat, which follows a link to its end, and kept only when that is a
 * regular file.
 */
export function rawFileNames(dir: string, entries: DirEntry[], onWarning?: (message: string) => void): string[] {
  const names: string[] = [];
  for (const e of entries) {
    if (e.isFile) {
      names.push(e.name);
      continue;
    }
    const path = join(dir, e.name);
    if (e.isDirectory) {
      onWarning?.(`${path}: a directory inside a raw stats directory, skipped`);
      continue;
    }
    const skipped = whyNotAFile(path);
    if (skipped) onWarning?.(`${path}: ${skipped}, skipped`);
    else names.push(e.name);
  }
  return names;
}

/** Why the entry at `path` (a link, or of a type the listing did not tell) is not read; null to read it. */
function whyNotAFile(path: string): string | null {
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    // A loop never resolves; a dangling or unreadable link is read, and fails its run there.
    return (err as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symbolic link loop' : null;
  }
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a link to a directory';
  return 'not a regular file';
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

/** A directory entry as the listing reports it: a link is neither a file nor a directory. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/**
 * The entries of `dir` in the order readdir(3) returns them, as os.listdir does
 * (fs.readdirSync may not: it goes through scandir). Read synchronously, 1,024 entries a
 * call: the asynchronous reads wait for a thread-pool thread each time, which took 7–25 ms
 * for 2,000 files while the parse workers were booting, against 1 ms.
 */
export function directoryOrder(dir: string): DirEntry[] {
  const out: DirEntry[] = [];
  const handle = opendirSync(dir, { bufferSize: 1024 });
  try {
    for (let e = handle.readSync(); e !== null; e = handle.readSync()) {
      out.push({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() });
    }
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
