/**
 * Every file `pystats site -o DIR` writes goes through here, and the folder keeps a
 * manifest of them (MANIFEST_FILE, and its parts in MANIFEST_DIR: path → content hash,
 * size, and what the file was made from), so that:
 *  - a rebuild rewrites only the files whose content changed (a new week of runs touches
 *    the index, a few pages and the new runs' data, not 20,000 report pages), and can skip
 *    even computing a file whose inputs are unchanged (`reuse`, for the runs' data); a file
 *    of the manifest counts as still there when its folder (read once) lists it as a
 *    regular file: deleted, or replaced by a link, it is written again;
 *  - it removes only files it wrote before and did not write now: a user's own files in
 *    DIR are never deleted, and never overwritten (a path pystats needs that holds a file
 *    it did not write stops the build with a message);
 *  - it never writes or deletes through a symbolic link: a link met inside DIR where a
 *    folder or a file of the site belongs is replaced by the real thing (the link itself
 *    is removed, never its target); a file or link already there is replaced by a fresh
 *    temporary file renamed into place (rename replaces a link rather than following it),
 *    and a new file is created with O_EXCL, which never follows one.
 * DIR itself may be a link to a folder (the user named it); a DIR that is a file is refused.
 */
import { hash } from 'node:crypto';
import {
  closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync,
  type Dirent, type Stats,
} from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const MANIFEST_FILE = 'pystats-site.json';
/** The manifest's parts: each lists ENTRIES_PER_PART files, so no file of the site grows past ~1 MB. */
export const MANIFEST_DIR = 'pystats-site';
const ENTRIES_PER_PART = 4000;
const FORMAT = 2;

/** A file written: its content hash (sha256, 80 bits of it: enough to tell a change), size, and what it was made from. */
export interface FileEntry {
  h: string;
  n: number;
  /** Inputs' identity (e.g. a run's content hash and ingestion day); a rebuild with the same stamp reuses the file. */
  s?: string;
  /** Anything the build needs to know about a reused file without reading it. */
  m?: unknown;
}

interface Manifest {
  'pystats-site': number;
  parts: number;
}

const partPath = (i: number) => `${MANIFEST_DIR}/${i + 1}.json`;

export class SiteOutputError extends Error {}

/** What a file is made from (FileEntry's s and m). */
export interface FileExtra {
  stamp?: string;
  meta?: unknown;
}

/** writeSoon's writes under way at most: enough to keep libuv's threads busy, few texts held. */
const MAX_PENDING = 32;

export interface WriteCounts {
  written: number;
  unchanged: number;
  removed: number;
}

export class SiteWriter {
  private readonly before: Record<string, FileEntry>;
  private readonly partsBefore: number;
  private readonly now = new Map<string, FileEntry>();
  /** Folders (relative to DIR) known this build to be a chain of real folders, or not. */
  private readonly realDirs = new Map<string, boolean>();
  /** previous()'s answers. */
  private readonly checked = new Map<string, FileEntry | null>();
  /**
   * What each real folder (relative to DIR) held when previous() first looked in it: name →
   * whether it is a regular file. One readdir a folder rather than an lstat a file: a
   * rebuild keeps ~48,000 files at archive scale, and their lstats were 0.5 s of it.
   */
  private readonly listings = new Map<string, Map<string, boolean>>();
  private readonly pending = new Set<Promise<void>>();
  private failed: SiteOutputError | null = null;
  readonly counts: WriteCounts = { written: 0, unchanged: 0, removed: 0 };

  constructor(readonly outDir: string) {
    let st: Stats | null;
    try {
      st = statOrNull(outDir, true);
      if (!st) mkdirSync(outDir, { recursive: true });
    } catch (err) {
      throw new SiteOutputError(`site -o ${outDir}: cannot make the folder: ${(err as Error).message}`);
    }
    if (st && !st.isDirectory()) throw new SiteOutputError(`site -o ${outDir}: not a folder (it is a file); give a folder to write the site into`);
    [this.before, this.partsBefore] = readManifest(outDir);
  }

  /**
   * The entry the previous build recorded for `path`, if a regular file is still there
   * (not a link, not a folder; its folders real ones). Its content is taken to be what the
   * manifest says: a file deleted, or replaced by a link, is written again, but one edited
   * in place keeps the edit until the site's content for it changes (delete it to have it
   * rewritten). readPrevious() checks the content itself.
   */
  previous(path: string): FileEntry | null {
    let known = this.checked.get(path);
    if (known === undefined) {
      const entry = Object.hasOwn(this.before, path) ? this.before[path] : undefined;
      known = entry && this.listing(dirname(path))?.get(basename(path)) === true ? entry : null;
      this.checked.set(path, known);
    }
    return known;
  }

  /** The files of folder `dir` as they are (null: not a chain of real folders), read once. */
  private listing(dir: string): Map<string, boolean> | null {
    if (!this.isRealDir(dir)) return null;
    let names = this.listings.get(dir);
    if (!names) {
      let entries: Dirent[];
      try {
        // (Node lstats an entry whose type the file system does not report.)
        entries = readdirSync(join(this.outDir, dir), { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotRead(join(this.outDir, dir), err);
        entries = [];
      }
      names = new Map(entries.map((e) => [e.name, e.isFile()]));
      this.listings.set(dir, names);
    }
    return names;
  }

  /**
   * The bytes of a file the previous build wrote, if it is still there as written (its
   * size and content hash checked; never read through a link); else null.
   */
  readPrevious(path: string): Buffer | null {
    const entry = this.previous(path);
    if (!entry) return null;
    let bytes: Buffer;
    try {
      const fd = openSync(join(this.outDir, path), constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        bytes = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      return null;
    }
    return contentHash(bytes) === entry.h ? bytes : null;
  }

  /** Keeps a file of the previous build as it is when its stamp matches; false when it must be made again. */
  reuse(path: string, stamp: string): FileEntry | null {
    const entry = this.previous(path);
    if (!entry || (entry.s ?? '') !== stamp) return null;
    this.now.set(path, entry);
    this.counts.unchanged++;
    return entry;
  }

  write(path: string, content: string | Buffer, extra: FileExtra = {}): void {
    const job = this.start(path, content, extra);
    if (!job) return;
    try {
      writeFileSync(job.tmp ?? job.file, job.bytes, { flag: 'wx' });
      if (job.tmp) renameSync(job.tmp, job.file);
    } catch (err) {
      throw this.cannotWrite(path, err);
    }
  }

  /**
   * write(), with the file itself written on libuv's threads while the caller goes on:
   * creating a file costs more than making a run's data script, and a cold build creates
   * 20,000 of them. Resolves once fewer than MAX_PENDING writes are under way (so the texts
   * waiting to be written stay few); settle() waits for the rest. A failed write stops the
   * build at the next writeSoon or settle.
   */
  async writeSoon(path: string, content: string | Buffer, extra: FileExtra = {}): Promise<void> {
    const job = this.start(path, content, extra);
    if (job) {
      const done: Promise<void> = writeFile(job.tmp ?? job.file, job.bytes, { flag: 'wx' })
        .then(() => (job.tmp ? rename(job.tmp, job.file) : undefined))
        .catch((err: unknown) => {
          this.failed ??= this.cannotWrite(path, err);
        })
        .finally(() => this.pending.delete(done));
      this.pending.add(done);
    }
    while (this.pending.size >= MAX_PENDING) await Promise.race(this.pending);
    if (this.failed) throw this.failed;
  }

  /** Waits for every writeSoon; throws the first failure. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    if (this.failed) throw this.failed;
  }

  /** What write and writeSoon share: the manifest's entry, the checks; the file to write, or null when unchanged. */
  private start(path: string, content: string | Buffer, extra: FileExtra): { tmp: string | null; file: string; bytes: string | Buffer } | null {
    checkRelative(path);
    if (this.now.has(path)) throw new Error(`site: ${path} written twice`);
    // A string is hashed as it is (no Buffer made for the many pages that stay unchanged).
    const entry: FileEntry = {
      h: contentHash(content),
      n: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
    };
    if (extra.stamp !== undefined) entry.s = extra.stamp;
    if (extra.meta !== undefined) entry.m = extra.meta;
    const old = this.previous(path);
    this.now.set(path, entry);
    if (old && old.h === entry.h) {
      this.counts.unchanged++;
      return null;
    }
    this.prepareDir(dirname(path));
    const file = join(this.outDir, path);
    const st = statOrNull(file, false);
    if (st && !st.isSymbolicLink() && !Object.hasOwn(this.before, path)) {
      throw new SiteOutputError(`site -o ${this.outDir}: ${path} exists and pystats did not write it (it is not in ${MANIFEST_FILE}); move it away or choose another folder`);
    }
    if (st?.isDirectory()) throw new SiteOutputError(`site -o ${this.outDir}: ${path} is a folder; pystats writes a file there`);
    this.counts.written++;
    // O_EXCL: never through an existing file or link. A file or link there is replaced by
    // a fresh name renamed over it (the old file stays whole until then); a new file is
    // made in place (half the folder operations: a cold build makes 55,000 files).
    return { tmp: st ? `${file}.${process.pid}.tmp` : null, file, bytes: content };
  }

  /** A full disk, a read-only folder: say which file and why, not "internal error". */
  private cannotWrite(path: string, err: unknown): SiteOutputError {
    return new SiteOutputError(`site -o ${this.outDir}: cannot write ${path}: ${(err as Error).message}`);
  }

  /** Removes the files of the previous build not written now, then records this build. */
  finish(): void {
    if (this.pending.size > 0) throw new Error('site: finish() with writes under way (settle() first)');
    for (const path of Object.keys(this.before)) {
      if (this.now.has(path) || path === MANIFEST_FILE || path.startsWith(`${MANIFEST_DIR}/`)) continue;
      if (!isRelative(path)) continue;
      const st = this.safeStat(path);
      // Only a regular file where pystats wrote one: a link or folder there now is the user's.
      if (!st?.isFile()) continue;
      unlinkSync(join(this.outDir, path));
      this.counts.removed++;
      this.removeEmptyDirs(dirname(path));
    }
    const entries = [...this.now].sort(([a], [b]) => (a < b ? -1 : 1));
    const parts = Math.ceil(entries.length / ENTRIES_PER_PART);
    for (let i = 0; i < parts; i++) {
      this.replace(partPath(i), `${JSON.stringify(Object.fromEntries(entries.slice(i * ENTRIES_PER_PART, (i + 1) * ENTRIES_PER_PART)))}\n`);
    }
    const manifest: Manifest = { 'pystats-site': FORMAT, parts };
    this.replace(MANIFEST_FILE, `${JSON.stringify(manifest)}\n`);
    for (let i = parts; i < this.partsBefore; i++) {
      if (this.safeStat(partPath(i))?.isFile()) unlinkSync(join(this.outDir, partPath(i)));
    }
  }

  /** Writes one of the manifest's own files (in place of a link, never through one). */
  private replace(path: string, text: string): void {
    this.prepareDir(dirname(path));
    const file = join(this.outDir, path);
    if (statOrNull(file, false)?.isDirectory()) throw new SiteOutputError(`site -o ${this.outDir}: ${path} is a folder; pystats writes its manifest there`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, file);
  }

  /** lstat of a path in DIR whose parent folders are real folders (no link on the way), else null. */
  private safeStat(path: string): Stats | null {
    return this.isRealDir(dirname(path)) ? statOrNull(join(this.outDir, path), false) : null;
  }

  private isRealDir(dir: string): boolean {
    if (dir === '.' || dir === '') return true;
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = this.isRealDir(dirname(dir)) && statOrNull(join(this.outDir, dir), false)?.isDirectory() === true;
      this.realDirs.set(dir, real);
    }
    return real;
  }

  /** Makes `dir` (relative to DIR) a chain of real folders: a link on the way is removed, never followed. */
  private prepareDir(dir: string): void {
    if (dir === '.' || dir === '' || this.realDirs.get(dir) === true) return;
    this.prepareDir(dirname(dir));
    const full = join(this.outDir, dir);
    const st = statOrNull(full, false);
    if (st?.isSymbolicLink()) unlinkSync(full);
    else if (st && !st.isDirectory()) {
      throw new SiteOutputError(`site -o ${this.outDir}: ${dir} is a file; pystats needs a folder there`);
    }
    if (!st?.isDirectory()) {
      mkdirSync(full);
      // Made now (in place of nothing, or of a link): it holds none of the previous build's files.
      this.listings.set(dir, new Map());
    }
    this.realDirs.set(dir, true);
  }

  private removeEmptyDirs(dir: string): void {
    while (dir !== '.' && dir !== '') {
      try {
        rmdirSync(join(this.outDir, dir));
      } catch {
        return;
      }
      this.realDirs.set(dir, false);
      dir = dirname(dir);
    }
  }
}

/** A file's content hash in the manifest (one-shot hash(): a rebuild hashes every page it makes, 48,000). */
function contentHash(content: string | Buffer): string {
  return hash('sha256', content, 'hex').slice(0, 20);
}

function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cannotRead(path, err);
  }
}

/** What the site's folder holds cannot be read (permissions, a failing disk): said with the path, not as an internal error. */
function cannotRead(path: string, err: unknown): SiteOutputError {
  return new SiteOutputError(`site: cannot read ${path}: ${(err as Error).message}`);
}

function isRelative(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').some((p) => p === '..' || p === '.' || p === '');
}

function checkRelative(path: string): void {
  if (!isRelative(path)) throw new Error(`site: bad path ${path}`);
}

/** Every file the manifest in `outDir` lists, with its entry. */
export function siteManifest(outDir: string): Record<string, FileEntry> {
  return readManifest(outDir)[0];
}

/** The previous build's manifest and its part count; none (or an unreadable one): nothing is known to be pystats'. */
function readManifest(outDir: string): [Record<string, FileEntry>, number] {
  const read = (path: string): unknown => {
    const parts = path.split('/');
    let at = outDir;
    for (const p of parts.slice(0, -1)) {
      at = join(at, p);
      if (!statOrNull(at, false)?.isDirectory()) return null;
    }
    if (!statOrNull(join(outDir, path), false)?.isFile()) return null;
    try {
      return JSON.parse(readFileSync(join(outDir, path), 'utf8'));
    } catch {
      return null;
    }
  };
  const m = read(MANIFEST_FILE) as Manifest | null;
  if (!m || m['pystats-site'] !== FORMAT || !Number.isInteger(m.parts) || m.parts < 0) return [{}, 0];
  const files: Record<string, FileEntry> = {};
  for (let i = 0; i < m.parts; i++) {
    const part = read(partPath(i));
    if (typeof part !== 'object' || part === null) return [{}, 0];
    Object.assign(files, part);
  }
  return [files, m.parts];
}
