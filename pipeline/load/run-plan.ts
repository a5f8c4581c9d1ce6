/**
 * A run about to be ingested: its source, its files in visit order, and a cheap
 * fingerprint (names, sizes, mtimes) that lets a re-ingest skip unchanged runs without
 * reading them. The content hash, computed while parsing, is the real identity.
 */
import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { RunSource } from '../discover/raw-dir.js';
import type { FileReport, JobFile } from '../../workers/protocol.js';

export interface RunPlan {
  source: RunSource;
  files: JobFile[];
  fileCount: number;
  /**
   * Null until the files are read, for a store that cannot hold the run yet (nothing to
   * skip it against): the workers' stats of the files they read make it then, sparing the
   * main thread a stat of every file before any is stored (0.15-0.2 s of an archive's ingest).
   */
  fingerprint: string | null;
}

/**
 * How a plan gets its fingerprint: 'now', from a stat of its files (to look it up in the
 * store before reading them); 'when-read', from the stats taken as they are read
 * (fingerprintAsRead); 'none', a throw-away store's, unique per plan and never compared.
 */
export type Fingerprinting = 'now' | 'when-read' | 'none';

let unchecked = 0;

export function planRun(source: RunSource, fingerprinting: Fingerprinting): RunPlan {
  const files: JobFile[] = source.kind === 'raw'
    ? source.files.map((path) => ({ path, kind: 'raw' }))
    : [{ path: source.path, kind: 'json' }];
  const plan: RunPlan = { source, files, fileCount: files.length, fingerprint: null };
  if (fingerprinting === 'none') plan.fingerprint = `unchecked:${++unchecked}`;
  else if (fingerprinting === 'now') plan.fingerprint = fingerprintOf(plan);
  return plan;
}

/** The plan's fingerprint: its files' names, sizes and mtimes, as they are now. */
export function fingerprintOf(plan: Pick<RunPlan, 'source' | 'files'>): string {
  let text: string = plan.source.kind;
  for (const f of plan.files) {
    // Sync stats: thousands of awaited stats cost more than the whole parse of a small run.
    const info = statSync(f.path, { throwIfNoEntry: false });
    text += fingerprintLine(f.path, info?.size ?? -1, info?.mtimeMs ?? -1);
  }
  // One-shot hashing: a hash object per run was a third of planning an archive's 20,000 runs.
  return hash('sha256', text);
}

/** The same fingerprint from the stats the workers took of the files as they read them (FileReport.stat). */
export function fingerprintAsRead(plan: Pick<RunPlan, 'source'>, files: readonly FileReport[]): string {
  let text: string = plan.source.kind;
  for (const f of files) text += fingerprintLine(f.path, f.stat?.size ?? -1, f.stat?.mtimeMs ?? -1);
  return hash('sha256', text);
}

function fingerprintLine(path: string, size: number, mtimeMs: number): string {
  return `\n${path}\t${size}\t${mtimeMs}`;
}
