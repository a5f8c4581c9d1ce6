/**
 * An export's files are written under DIR/_staging/<batch>/ and renamed into the lake,
 * the runs file last: a rename within one file system is atomic, so a reader never sees
 * half a Parquet file, and the runs file commits the batch (readers take only the files
 * of batches that have one). An export killed before that leaves files that no reader
 * takes; the next export removes them (cleanAbandoned).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { batchOfFile, FLAT, parquetFiles, PARTITIONED, STAGING } from '../layout.js';
import { buildManifest, MANIFESTS, manifestPath } from '../manifest.js';

/** The publishing order: everything a batch's runs need, then its runs file. */
const PUBLISH_ORDER = [...PARTITIONED, ...FLAT, 'runs'] as const;

interface Owner {
  host: string;
  pid: number;
}

/** Creates the batch's staging directory, marked with who writes it. */
export function startStaging(lakeDir: string, batch: string): string {
  const dir = join(lakeDir, STAGING, batch);
  mkdirSync(dir, { recursive: true });
  const owner: Owner = { host: hostname(), pid: process.pid };
  writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner));
  return dir;
}

/**
 * Renames the staged files into the lake, then the batch's manifest (their sizes and
 * sha256, hashed here from the staged files), runs last; then removes the staging directory.
 */
export function publish(lakeDir: string, stagingDir: string, batch: string, onStep: (step: string) => void = () => {}): number {
  const staged = PUBLISH_ORDER.flatMap((ds) => parquetFiles(join(stagingDir, ds)));
  const manifest = buildManifest(batch, stagingDir, staged);
  let moved = 0;
  for (const ds of PUBLISH_ORDER) {
    if (ds === 'runs') {
      mkdirSync(join(lakeDir, MANIFESTS), { recursive: true });
      // Written whole under a temporary name, then renamed: never seen half-written.
      const target = manifestPath(lakeDir, batch);
      writeFileSync(`${target}.tmp-${process.pid}`, `${JSON.stringify(manifest, null, 1)}\n`);
      renameSync(`${target}.tmp-${process.pid}`, target);
      onStep('before-runs');
    }
    for (const file of parquetFiles(join(stagingDir, ds))) {
      const target = join(lakeDir, relative(stagingDir, file));
      mkdirSync(dirname(target), { recursive: true });
      renameSync(file, target);
      moved++;
    }
  }
  rmSync(stagingDir, { recursive: true, force: true });
  return moved;
}

/**
 * Removes what exports that died left: their staging directories and the files they had
 * published without a runs file. Only exports of this host whose process is gone are
 * known to be dead; another host's staging directory may belong to an export still
 * running, and is left alone until a day old.
 */
export function cleanAbandoned(lakeDir: string): string[] {
  const root = join(lakeDir, STAGING);
  if (!existsSync(root)) return [];
  const cleaned: string[] = [];
  for (const batch of readdirSync(root)) {
    const dir = join(root, batch);
    if (!isAbandoned(dir)) continue;
    if (!existsSync(join(lakeDir, 'runs', `${batch}.parquet`))) {
      for (const ds of [...PARTITIONED, ...FLAT]) {
        for (const file of parquetFiles(join(lakeDir, ds))) {
          if (batchOfFile(basename(file)) === batch) unlinkSync(file);
        }
      }
      rmSync(manifestPath(lakeDir, batch), { force: true });
    }
    // A manifest the dead export was still writing (published by rename, never half).
    const manifests = join(lakeDir, MANIFESTS);
    if (existsSync(manifests)) {
      for (const name of readdirSync(manifests)) if (name.startsWith(`${batch}.json.tmp-`)) rmSync(join(manifests, name), { force: true });
    }
    rmSync(dir, { recursive: true, force: true });
    cleaned.push(batch);
  }
  return cleaned;
}

const DAY_MS = 86_400_000;
/** An export writes its owner file right after creating its directory. */
const OWNERLESS_GRACE_MS = 60_000;

function isAbandoned(dir: string): boolean {
  const age = Date.now() - statSync(dir).mtimeMs;
  let owner: Owner;
  try {
    owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return age > OWNERLESS_GRACE_MS;
  }
  if (owner.host !== hostname()) return age > DAY_MS;
  return !processAlive(owner.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
