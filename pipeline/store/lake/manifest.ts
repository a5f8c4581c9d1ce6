/**
 * Each batch's manifest (issue 17): DIR/_manifests/<batch>.json names every file of the
 * batch, runs file included, with its size and sha256. An export writes it after all its
 * files are staged and publishes it before the runs file, so every committed batch has one.
 * Parquet has no checksum DuckDB checks: bytes overwritten inside a lake file read as other
 * counters. Readers and `lake import` compare every file they take with the manifest
 * (verifyLakeFiles), `lake verify` the whole lake. ('_' keeps the folder out of Spark's
 * and Hive's listings of the datasets.)
 */
import { createHash, webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { batchOfFile, LakeFileError } from './layout.js';

export const MANIFESTS = '_manifests';
const FORMAT = 'pystats-lake-manifest/1';

export interface ManifestEntry {
  size: number;
  sha256: string;
}

export interface Manifest {
  format: string;
  batch: string;
  /** Keyed by the file's path inside the lake, '/'-separated. */
  files: Record<string, ManifestEntry>;
}

export function manifestPath(lakeDir: string, batch: string): string {
  return join(lakeDir, MANIFESTS, `${batch}.json`);
}

/** The manifest of staged files (paths relative to the staging directory = to the lake). */
export function buildManifest(batch: string, stagingDir: string, files: readonly string[]): Manifest {
  const entries: Record<string, ManifestEntry> = {};
  for (const file of files) entries[lakePath(stagingDir, file)] = hashFile(file);
  return { format: FORMAT, batch, files: entries };
}

/** A committed batch's manifest; a batch without one was written by an earlier pystats. */
export function readManifest(lakeDir: string, batch: string): Manifest {
  const path = manifestPath(lakeDir, batch);
  if (!existsSync(path)) {
    throw new LakeFileError(join(lakeDir, 'runs', `${batch}.parquet`),
      `batch ${batch} has no manifest (${join(MANIFESTS, `${batch}.json`)}): it was written by a pystats before ` +
      'the lake layout of issue 17 (checksums, fork directories that keep every fork), which this one does not read; ' +
      'export the stores again into a new lake directory');
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (err) {
    throw new LakeFileError(path, `not a readable manifest (${(err as Error).message})`);
  }
  if (manifest?.format !== FORMAT || manifest.batch !== batch || typeof manifest.files !== 'object') {
    throw new LakeFileError(path, `not a pystats lake manifest of batch ${batch}`);
  }
  return manifest;
}

export interface LakeProblem {
  file: string;
  reason: string;
}

/**
 * Every file is checked against its batch's manifest: listed, same size, same sha256; and
 * every file a manifest lists must be there (a lost file would drop counters silently).
 * `files` are the committed files a reader takes; `batches` their committed batches;
 * `complete`: `files` are all the batches' files (else missing ones are not looked for).
 * The files are read and hashed on libuv's thread pool (WebCrypto's digest), two at a
 * time, so a reader lays the lake out in DuckDB meanwhile. `all`: every problem (lake
 * verify), else the first one found ends the check (readers, import, export).
 */
export async function lakeProblems(
  lakeDir: string, batches: readonly string[], files: readonly string[], opts: { complete: boolean; all: boolean },
): Promise<LakeProblem[]> {
  const problems: LakeProblem[] = [];
  const manifests = new Map<string, Manifest>();
  for (const batch of batches) {
    try {
      manifests.set(batch, readManifest(lakeDir, batch));
    } catch (err) {
      if (!(err instanceof LakeFileError)) throw err;
      problems.push({ file: err.file, reason: err.message.slice(`lake file ${err.file}: `.length) });
    }
  }
  const seen = new Set<string>();
  const checks: Array<{ file: string; entry: ManifestEntry }> = [];
  for (const file of files) {
    const rel = lakePath(lakeDir, file);
    const batch = batchOfFile(basename(file));
    if (batch === null || !manifests.has(batch)) continue; // its batch's manifest is missing: reported above
    const entry = manifests.get(batch)!.files[rel];
    seen.add(rel);
    if (entry === undefined) {
      problems.push({ file, reason: `not in its batch's manifest (${join(MANIFESTS, `${batch}.json`)}): not written by that export; move it out of the lake` });
    } else {
      checks.push({ file, entry });
    }
  }
  for (const [batch, manifest] of opts.complete ? manifests : []) {
    for (const rel of Object.keys(manifest.files)) {
      if (!seen.has(rel)) problems.push({ file: join(lakeDir, ...rel.split('/')), reason: `missing: batch ${batch}'s manifest lists it` });
    }
  }
  let next = 0;
  const worker = async () => {
    while ((opts.all || problems.length === 0) && next < checks.length) {
      const { file, entry } = checks[next++];
      const bytes = await readFile(file);
      if (bytes.length !== entry.size) {
        problems.push({ file, reason: `${bytes.length} bytes where the export wrote ${entry.size}: damaged or replaced; restore it from a copy, or export its runs again` });
        continue;
      }
      const sha256 = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
      if (sha256 !== entry.sha256) {
        problems.push({ file, reason: `sha256 ${sha256} where the export wrote ${entry.sha256}: damaged; restore it from a copy, or export its runs again` });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return problems;
}

/** lakeProblems' first problem as a LakeFileError (`lake file PATH: …`); nothing when all match. */
export async function verifyLakeFiles(lakeDir: string, batches: readonly string[], files: readonly string[], complete = true): Promise<void> {
  const [first] = await lakeProblems(lakeDir, batches, files, { complete, all: false });
  if (first !== undefined) throw new LakeFileError(first.file, first.reason);
}

/** size and sha256 of a file, read in 1 MiB blocks. */
function hashFile(file: string): ManifestEntry {
  const fd = openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      size += n;
    }
    if (size !== fstatSync(fd).size) throw new LakeFileError(file, 'changed while it was read');
    return { size, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

function lakePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
