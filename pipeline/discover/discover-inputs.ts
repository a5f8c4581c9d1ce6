/**
 * What the user pointed at, turned into runs to ingest:
 *  - a directory with no subdirectories: one raw run (a /tmp/py_stats directory). Its
 *    entries are visited in directory order (fs.opendir, as the reference's os.listdir;
 *    a sorted listing would change the key order), every entry read as text;
 *  - a .json file: one run (summarize_stats `--json-output`, with or without metadata);
 *  - any other .txt file: a raw run of that one file;
 *  - a directory with subdirectories (a bench_runner results tree, an archive of raw
 *    dirs): every bench_runner pystats JSON in it, and every directory holding .txt files.
 */
import { opendir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { isPystatsResultFile } from '../identity/run-identity.js';

export type RunSource =
  | { kind: 'raw'; dir: string; files: string[] }
  | { kind: 'json'; path: string };

export class DiscoveryError extends Error {}

export interface DiscoverOptions {
  /** A file listing raw file names in the order to visit them (reproduces a recorded order). */
  orderFile?: string | null;
}

export async function discoverInputs(paths: string[], opts: DiscoverOptions = {}): Promise<RunSource[]> {
  const order = opts.orderFile ? await readOrderFile(opts.orderFile) : null;
  const runs: RunSource[] = [];
  for (const p of paths) {
    const path = resolve(p);
    const info = await stat(path).catch(() => null);
    if (!info) throw new DiscoveryError(`${p}: no such file or directory`);
    if (info.isFile()) {
      runs.push(path.endsWith('.json') ? { kind: 'json', path } : { kind: 'raw', dir: dirname(path), files: [path] });
      continue;
    }
    const entries = await directoryOrder(path);
    if (entries.every((e) => !e.isDirectory)) {
      runs.push(rawRun(path, entries.map((e) => e.name), order));
    } else {
      runs.push(...(await discoverTree(path, order)));
    }
  }
  return runs;
}

/**
 * Exactly one raw run from a directory, as summarize_stats.py reads it: every entry, in
 * directory order. A subdirectory is refused (the reference crashes on one).
 */
export async function discoverRawDir(dir: string, opts: DiscoverOptions = {}): Promise<RunSource> {
  const path = resolve(dir);
  const entries = await directoryOrder(path).catch(() => {
    throw new DiscoveryError(`${dir}: not a readable directory`);
  });
  const sub = entries.find((e) => e.isDirectory);
  if (sub) throw new DiscoveryError(`${dir}: contains the subdirectory ${sub.name}; a raw stats directory holds only files`);
  const order = opts.orderFile ? await readOrderFile(opts.orderFile) : null;
  return rawRun(path, entries.map((e) => e.name), order);
}

async function discoverTree(root: string, order: string[] | null): Promise<RunSource[]> {
  const found = await glob(['**/*.json', '**/*.txt'], { cwd: root, absolute: true, followSymbolicLinks: false });
  const runs: RunSource[] = [];
  const rawDirs = new Set<string>();
  for (const f of found.sort()) {
    if (f.endsWith('.json')) {
      if (isPystatsResultFile(f)) runs.push({ kind: 'json', path: f });
    } else {
      rawDirs.add(dirname(f));
    }
  }
  for (const dir of [...rawDirs].sort()) {
    const names = (await directoryOrder(dir)).filter((e) => !e.isDirectory && e.name.endsWith('.txt'));
    runs.push(rawRun(dir, names.map((e) => e.name), order));
  }
  return runs;
}

function rawRun(dir: string, names: string[], order: string[] | null): RunSource {
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

async function directoryOrder(dir: string): Promise<Array<{ name: string; isDirectory: boolean }>> {
  const out: Array<{ name: string; isDirectory: boolean }> = [];
  // Large reads: the default 32 entries per read is a thread-pool round trip per 32 files.
  for await (const e of await opendir(dir, { bufferSize: 1024 })) out.push({ name: e.name, isDirectory: e.isDirectory() });
  return out;
}

async function readOrderFile(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new DiscoveryError(`${path}: cannot read the order file`);
  });
  return text.split(/\r?\n/).map((l) => basename(l.trim())).filter((l) => l.length > 0);
}
