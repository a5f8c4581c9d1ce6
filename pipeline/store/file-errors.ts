/**
 * A store or lake path the file system will not give us, said as the user's problem in one
 * line naming the path and the cause (issue 17), never as an internal error.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The path cannot be used as a store or a lake: not a directory, no permission, full disk… */
export class StorePathError extends Error {}

/**
 * mkdir -p without Node's recursive mkdir, which loops forever at 100 % CPU under /proc
 * (`--db /proc/nope/x.duckdb`): each missing directory is made on its own, so the first
 * that cannot be is named with its cause.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) throw new StorePathError(`${at} is not a directory`);
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw new StorePathError(`cannot create the directory ${d}: ${causeOf(e)}`);
    }
  }
}

/** A Node file-system error's cause in words (its code's usual text). */
export function causeOf(err: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'operation not permitted',
    ENOSPC: 'no space left on device', EROFS: 'read-only file system', ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'is a directory', EDQUOT: 'disk quota exceeded', EIO: 'input/output error',
  };
  return words[err.code ?? ''] ?? err.message;
}

/**
 * DuckDB's error when a store file cannot be opened, as a one-line reason: not a DuckDB
 * file, a directory, damaged, unreadable or unwritable. Null for any other error.
 */
export function storeOpenReason(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const text = err.message.split('\n')[0];
  if (/not a valid DuckDB database file/i.test(text)) return 'not a DuckDB store file (pystats stores are DuckDB databases written by ingest)';
  if (/Is a directory/i.test(text)) return 'it is a directory, not a store file';
  if (/Permission denied/i.test(text)) return 'permission denied';
  if (/No space left on device/i.test(text)) return 'no space left on device';
  if (/Read-only file system/i.test(text)) return 'read-only file system';
  if (/Could not read enough bytes|Corrupt|checksum|Serialization Error|INTERNAL Error/i.test(text)) {
    return `the store file is damaged or truncated (${text.replace(/^[A-Za-z ]*Error: /, '')}); restore it from a copy, or ingest the runs again into a new store`;
  }
  if (/IO Error|Catalog Error|Invalid Input Error/i.test(text)) return text.replace(/^[A-Za-z ]*Error: /, '');
  return null;
}

/**
 * DuckDB failing on a file while a command runs (after the store opened): a damaged store
 * read, a full disk under lake export's COPY, a file that vanished. One line naming what
 * DuckDB names (its messages carry the file's path); null for any other error.
 */
export function duckdbFileError(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const text = err.message.split('\n')[0];
  if (/Could not read enough bytes|Corrupt database|checksum/i.test(text)) {
    return `a file DuckDB reads is damaged or truncated: ${text.replace(/^[A-Za-z ]*Error: /, '')}; restore the store from a copy, or ingest its runs again into a new store`;
  }
  if (/^(Error: )?(IO Error|Permission Error): /.test(text)) {
    return `cannot read or write a file: ${text.replace(/^(Error: )?[A-Za-z ]*Error: /, '')}`;
  }
  return null;
}
