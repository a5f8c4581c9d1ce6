/**
 * Reads whole files into one reused buffer. A fresh Buffer per file (readFileSync) is
 * garbage the worker's heap grows on, thousands of times per ingest; the bytes are only
 * needed until the file is decoded, so one growing buffer serves every file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

let buffer = Buffer.allocUnsafe(1 << 20);

/**
 * The file's bytes: a view into the shared buffer, valid until the next call. `stat`, when
 * given, gets the open file's size and mtime (a run's fingerprint, run-plan.ts).
 */
export function readWholeFile(path: string, stat: { size: number; mtimeMs: number } | null = null): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (stat) {
      const info = fstatSync(fd);
      stat.size = info.size;
      stat.mtimeMs = info.mtimeMs;
    }
    // Read until EOF (a file still being written may grow). The stat is not for sizing
    // the buffer: it grows as a file needs and stays grown.
    let read = 0;
    for (;;) {
      if (read === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, read);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
