/**
 * What the user pointed at, turned into runs to ingest:
 *  - a directory with no subdirectories: one raw run (raw-dir.ts);
 *  - a .json file: one run (summarize_stats `--json-output`, with or without metadata);
 *  - any other .txt file: a raw run of that one file;
 *  - a directory with subdirectories (a bench_runner results tree, an archive of raw
 *    dirs): every bench_runner pystats JSON in it, and every other directory holding .txt
 *    files, read whole as a raw directory (every regular file, as when given directly).
 * Links to directories are never descended into (no cycle can make the walk loop); inside
 * a raw directory, links are resolved as raw-dir.ts says (rawFileNames).
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { isPystatsResultFile } from '../runs/run-identity.js';
import {
  directoryOrder, DiscoveryError, rawFileNames, rawRun, readOrderFile, type DiscoverOptions, type RunSource,
} from './raw-dir.js';

export async function discoverInputs(paths: string[], opts: DiscoverOptions = {}): Promise<RunSource[]> {
  const order = opts.orderFile ? await readOrderFile(opts.orderFile) : null;
  const runs: RunSource[] = [];
  for (const p of paths) {
    const path = resolve(p);
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new DiscoveryError(err.code === 'ENOENT' ? `${p}: no such file or directory` : `${p}: cannot open (${err.code})`);
    });
    if (info.isFile()) {
      runs.push(path.endsWith('.json') ? { kind: 'json', path } : { kind: 'raw', dir: dirname(path), files: [path] });
      continue;
    }
    const entries = directoryOrder(path);
    if (entries.every((e) => !e.isDirectory)) {
      runs.push(rawRun(path, rawFileNames(path, entries, opts.onWarning), order));
    } else {
      runs.push(...(await discoverTree(path, order, opts.onWarning)));
    }
  }
  return runs;
}

async function discoverTree(root: string, order: string[] | null, onWarning?: (message: string) => void): Promise<RunSource[]> {
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
  const resultDirs = new Set(runs.map((r) => (r.kind === 'json' ? dirname(r.path) : '')));
  for (const dir of [...rawDirs].sort()) {
    // A directory holding bench_runner results is not a raw run, whatever else it holds.
    if (resultDirs.has(dir)) continue;
    // Found by its .txt files, read as a raw directory given directly is: every regular
    // file, whatever its name (issue 17). Subdirectories are runs of their own here.
    const entries = directoryOrder(dir).filter((e) => !e.isDirectory);
    const names = rawFileNames(dir, entries, onWarning);
    // Only skipped entries (links to directories named *.txt…): nothing here is a run.
    if (names.length > 0) runs.push(rawRun(dir, names, order));
  }
  return runs;
}
