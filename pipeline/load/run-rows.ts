/** Pieces of a run's rows the writer cuts and names: a run's share of a job, its content hash. */
import { createHash } from 'node:crypto';
import type { CounterColumns } from '../../schemas/arrow.js';
import type { FileReport } from '../../workers/protocol.js';

/**
 * The rows of files `offset`… `offset + count - 1` of a job's batch (rows come file after
 * file), with file indexes made relative to `offset`.
 */
export function rowsOfFiles(all: CounterColumns, offset: number, count: number): CounterColumns {
  const start = firstRowOf(all.file, all.length, offset);
  const end = firstRowOf(all.file, all.length, offset + count);
  const file = all.file.slice(start, end);
  for (let i = 0; i < file.length; i++) file[i] -= offset;
  return { length: end - start, file, key: all.key.subarray(start, end), value: all.value.subarray(start, end) };
}

/** The first row whose file index is at least `file` (rows are sorted by file). */
function firstRowOf(files: Uint32Array, length: number, file: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid] < file) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What makes two runs the same data: the kind and every file's bytes, in visit order. */
export function runContentHash(kind: string, files: FileReport[]): string {
  const h = createHash('sha256').update(kind);
  for (const f of files) h.update('\n').update(f.sha256);
  return h.digest('hex');
}
