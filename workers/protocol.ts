/** Messages between the main thread and the parse workers. */

/** 'files': one row per counter per file (the store keeps per-process data).
 *  'sums':  one row per key, summed over the job's files (summarize, no per-file rows). */
export type RowMode = 'files' | 'sums';

export interface JobFile {
  path: string;
  kind: 'raw' | 'json';
}

export interface ParseJob {
  jobId: number;
  mode: RowMode;
  /**
   * sha256 of each file's bytes and its stat as read (the store's idempotence, and its
   * runs' fingerprints); a throw-away store skips both.
   */
  hashContent: boolean;
  files: JobFile[];
}

export interface FileReport {
  path: string;
  size: number;
  sha256: string;
  /** The file's size and mtime as it was read (fstat of the open file), when the job hashes content. */
  stat: { size: number; mtimeMs: number } | null;
  lineCount: number;
  problemCount: number;
  problems: Array<{ line: number; text: string }>;
  /** Set when the file cannot be used (binary, not UTF-8, truncated, bad value, bad JSON). */
  error: { line: number | null; message: string } | null;
  /** What a summarize_stats JSON carries besides its counters, as worker-local text ids. */
  json: JsonTexts | null;
}

/**
 * A JSON's other members as the store keeps them (JSON text as Python's json.dumps writes
 * it, key order kept), each given as the worker-local id of its text (ParseResult.newTexts).
 */
export interface JsonTexts {
  specializedInstructions: number | null;
  statsDefines: number | null;
  defines: number | null;
  metadata: number | null;
}

export interface ParseResult {
  jobId: number;
  /** The worker's threadId: key ids in the batch are local to it. */
  workerId: number;
  /** Arrow IPC stream of the counter batch (schemas/arrow.ts); its buffer is transferred. */
  ipc: Uint8Array;
  /** Keys this worker saw for the first time, in local-id order (ids continue from before). */
  newKeys: string[];
  /** Texts this worker met for the first time, in local-id order (ids continue from before). */
  newTexts: string[];
  files: FileReport[];
  /** 'sums' mode: how many of the batch's keys (in row order) the job's first file brought. */
  keysAfterFirstFile: number;
  /** PYSTATS_TIMING only: the worker's marks since its previous result (pipeline/timing.ts). */
  timing?: Array<[string, number]>;
}
