/**
 * What the user pointed at, turned into runs to ingest:
 *  - a directory holding bench_runner pystats JSONs (a `bm-…` result folder): those, as below;
 *  - any other directory with no subdirectories: one raw run (raw-dir.ts);
 *  - a .json file: one run (summarize_stats `--json-output`, with or without metadata);
 *  - any other .txt file: a raw run of that one file;
 *  - a directory with subdirectories (a bench_runner results tree, an archive of raw
 *    dirs): every bench_runner pystats JSON in it, and every other directory holding .txt
 *    files, read whole as a raw directory (every regular file, as when given directly).
 *    An aggregated `...-pystats.json` there also takes the benchmarks of its sibling
 *    per-benchmark results (`...-pystats-<bench>.md` or `.json`): the links line of its
 *    report (bench_runner published 2024's per-benchmark reports without their JSON).
 * Links to directories are never descended into (no cycle can make the walk loop); inside
 * a raw directory, links are resolved as raw-dir.ts says (rawFileNames).
 */
import { readdirSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { isPystatsResultFile, siblingBenchmarks } from '../runs/run-identity.js';
import {
  directoryOrder, DiscoveryError, rawFileNames, rawRun, readOrderFile, type DiscoverOptions, type RunSource,
} from './raw-dir.js';

export async function discoverInputs(paths: string[], opts: DiscoverOptions = {}): Promise<RunSource[]> {
  const order = opts.orderFile ? await readOrderFile(opts.orderFile) : null;
  const runs: RunSource[] = [];
  for (const p of paths) {
    const path = resolve(p);
    const info = await statInput(p);
    if (info.isFile()) {
      if (!path.endsWith('.json')) runs.push({ kind: 'raw', dir: dirname(path), files: [path] });
      else runs.push(withSiblings(path, readdirSync(dirname(path))));
      continue;
    }
    const entries = directoryOrder(path);
    // A bench_runner result folder (`bm-…/`, or any folder holding its pystats JSONs) is
    // read as the results it holds, never as a raw directory of its files.
    if (entries.some((e) => !e.isDirectory && isPystatsResultFile(e.name))) {
      runs.push(...(await discoverTree(path, order, opts.onWarning)));
    } else if (entries.every((e) => !e.isDirectory)) {
      runs.push(rawRun(path, rawFileNames(path, entries, opts.onWarning), order));
    } else {
      runs.push(...(await discoverTree(path, order, opts.onWarning)));
    }
  }
  return runs;
}

/**
 * The mistakes discoverInputs finds first (a path that is not there or cannot be opened, an
 * order file that cannot be read), found without walking anything: ingest checks them
 * before it opens the store, which it then opens while the inputs are walked.
 */
export async function checkInputs(paths: string[], orderFile: string | null = null): Promise<void> {
  if (orderFile) await readOrderFile(orderFile);
  for (const p of paths) await statInput(p);
}

function statInput(p: string): Promise<Stats> {
  return stat(resolve(p)).catch((err: NodeJS.ErrnoException) => {
    throw new DiscoveryError(err.code === 'ENOENT' ? `${p}: no such file or directory` : `${p}: cannot open (${err.code})`);
  });
}

async function discoverTree(root: string, order: string[] | null, onWarning?: (message: string) => void): Promise<RunSource[]> {
  const found = await glob(['**/*.json', '**/*.txt'], { cwd: root, absolute: true, followSymbolicLinks: false });
  const runs: RunSource[] = [];
  const rawDirs = new Set<string>();
  const listings = new Map<string, string[]>();
  const listing = (dir: string) => {
    let names = listings.get(dir);
    if (!names) listings.set(dir, (names = readdirSync(dir)));
    return names;
  };
  for (const f of found.sort()) {
    if (f.endsWith('.json')) {
      if (!isPystatsResultFile(f)) continue;
      runs.push(withSiblings(f, listing(dirname(f))));
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

/** A JSON run, with the benchmarks of the per-benchmark results published beside it. */
function withSiblings(path: string, dirListing: string[]): RunSource {
  const siblings = siblingBenchmarks(basename(path), dirListing);
  return siblings.length > 0 ? { kind: 'json', path, siblingBenchmarks: siblings } : { kind: 'json', path };
}
