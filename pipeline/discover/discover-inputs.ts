/**
 * What the user pointed at, turned into runs to ingest:
 *  - a directory with no subdirectories: one raw run (raw-dir.ts);
 *  - a .json file: one run (summarize_stats `--json-output`, with or without metadata);
 *  - any other .txt file: a raw run of that one file;
 *  - a directory with subdirectories (a bench_runner results tree, an archive of raw
 *    dirs): every bench_runner pystats JSON in it, and every directory holding .txt files.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { isPystatsResultFile } from '../identity/run-identity.js';
import { directoryOrder, DiscoveryError, rawRun, readOrderFile, type DiscoverOptions, type RunSource } from './raw-dir.js';

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
    const entries = directoryOrder(path);
    if (entries.every((e) => !e.isDirectory)) {
      runs.push(rawRun(path, entries.map((e) => e.name), order));
    } else {
      runs.push(...(await discoverTree(path, order)));
    }
  }
  return runs;
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
    const names = directoryOrder(dir).filter((e) => !e.isDirectory && e.name.endsWith('.txt'));
    runs.push(rawRun(dir, names.map((e) => e.name), order));
  }
  return runs;
}
