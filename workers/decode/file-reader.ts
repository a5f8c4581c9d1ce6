/**
 * Reads whole files into one reused buffer. A fresh Buffer per file (readFileSync) is
 * garbage the worker's heap grows on, thousands of times per ingest; the bytes are only
 * needed until the file is decoded, so one growing buffer serves every file.
 */
import { closeSync, openSync, readSync } from 'node:fs';

let buffer = Buffer.allocUnsafe(1 << 20);

/** The file's bytes: a view into the shared buffer, valid until the next call. */
export function readWholeFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    // Read until EOF (a file still being written may grow). No stat to size the buffer
    // first: it grows as a file needs and stays grown, and a stat of every file (with the
    // Date objects Node makes of it) was for that alone.
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
