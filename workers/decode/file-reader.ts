/**
 * Reads whole files into one reused buffer. A fresh Buffer per file (readFileSync) is
 * garbage the worker's heap grows on, thousands of times per ingest; the bytes are only
 * needed until the file is decoded, so one growing buffer serves every file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

let buffer = Buffer.allocUnsafe(1 << 20);

/** The file's bytes: a view into the shared buffer, valid until the next call. */
export function readWholeFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size + 1 > buffer.length) buffer = Buffer.allocUnsafe(Math.max(size + 1, buffer.length * 2));
    let read = 0;
    // Read until EOF, not just `size` bytes: a file still being written may have grown.
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
