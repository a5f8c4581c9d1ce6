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
import { fdir } from 'fdir';
import { isPystatsResultFile, pystatsResultsIn, siblingBenchmarks } from '../runs/run-identity.js';
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
  // One crawl, each directory's files grouped: its listing is what the siblings of an
  // aggregated result are read from (a crawl and then a listing of each result folder
  // took 0.1 s more of an archive's 20,000 files, before any worker had work). Hidden
  // names are left out and links never followed, as the glob this replaced did.
  const groups = new fdir({
    pathSeparator: '/', includeBasePath: true, excludeSymlinks: true, group: true, maxDepth: Infinity,
    exclude: (name) => name.startsWith('.'),
  }).crawl(root).sync() as unknown as Array<{ directory: string; files: string[] }>;
  const results: Array<{ path: string; siblings: string[] }> = [];
  const rawDirs: string[] = [];
  for (const { directory, files } of groups) {
    const names = files.map((f) => f.slice(directory.length)).filter((n) => !n.startsWith('.'));
    const found = pystatsResultsIn(names);
    for (const { name, siblings } of found) results.push({ path: directory + name, siblings });
    // A directory holding bench_runner results is not a raw run, whatever else it holds.
    if (found.length === 0 && names.some((n) => n.endsWith('.txt'))) rawDirs.push(directory.slice(0, -1));
  }
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const runs = results.map((r) => jsonRun(r.path, r.siblings));
  for (const dir of rawDirs.sort()) {
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
  return jsonRun(path, siblingBenchmarks(basename(path), dirListing));
}

function jsonRun(path: string, siblings: string[]): RunSource {
  return siblings.length > 0 ? { kind: 'json', path, siblingBenchmarks: siblings } : { kind: 'json', path };
}
