/**
 * A CPython source tree as `pystats tables --from-cpython DIR` sees it: the few files
 * summarize_stats.py reads, and the version and commit they belong to.
 *
 * The version comes from Include/patchlevel.h (PY_VERSION), the commit from DIR's git
 * HEAD (read from .git without running git). A tree that holds only the needed files
 * (as schemas/versions/sources/<minor>/ does) says both in a SOURCES file instead:
 * `version: 3.15.2` and `commit: <sha or unknown>` lines. Options given on the command
 * line win over all of these.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class SourceTreeError extends Error {}

/** Paths, relative to the tree, of the files the script of `minor` reads. */
export function filesFor(minor: string): { opcodes: string; statsHeader: string; specialize: string } {
  return minor === '3.12'
    // 3.12's script imports `opcode` (opname, _specialized_instructions) and reads
    // Include/pystats.h; 3.13 moved the header to Include/cpython/ and the opcode
    // tables to the generated Lib/_opcode_metadata.py.
    ? { opcodes: 'Lib/opcode.py', statsHeader: 'Include/pystats.h', specialize: 'Python/specialize.c' }
    : { opcodes: 'Lib/_opcode_metadata.py', statsHeader: 'Include/cpython/pystats.h', specialize: 'Python/specialize.c' };
}

export function readTreeFile(dir: string, rel: string): string {
  const path = join(dir, rel);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((err as Error).message);
    throw new SourceTreeError(`${path}: ${why} (a CPython source tree has it; give --from-cpython the checkout's top folder)`);
  }
}

/** `key: value` lines of DIR/SOURCES, if the tree has one. */
function sourcesFile(dir: string): Map<string, string> {
  const path = join(dir, 'SOURCES');
  const out = new Map<string, string>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^(version|commit):\s*(\S+)\s*$/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], m[2]);
  }
  return out;
}

/** PY_VERSION of Include/patchlevel.h, else the SOURCES file's version line. */
export function treeVersion(dir: string): string | null {
  const patchlevel = join(dir, 'Include', 'patchlevel.h');
  if (existsSync(patchlevel)) {
    const m = /^#define\s+PY_VERSION\s+"([^"]+)"/m.exec(readFileSync(patchlevel, 'utf8'));
    if (m) return m[1];
  }
  return sourcesFile(dir).get('version') ?? null;
}

/**
 * The commit HEAD points at, read from DIR/.git (a directory, or a worktree's `gitdir:`
 * file): a detached HEAD holds the sha, a branch HEAD names a ref found loose or in
 * packed-refs. Else the SOURCES file's commit line. Null when neither says.
 */
export function treeCommit(dir: string): string | null {
  const gitDir = gitDirOf(dir);
  if (gitDir) {
    const head = readIfExists(join(gitDir, 'HEAD'))?.trim();
    if (head && /^[0-9a-f]{40}$/.test(head)) return head;
    const ref = head ? /^ref:\s*(\S+)$/.exec(head)?.[1] : undefined;
    if (ref) {
      // A worktree keeps its refs in the main repository (commondir).
      const common = readIfExists(join(gitDir, 'commondir'))?.trim();
      for (const base of [gitDir, ...(common ? [join(gitDir, common)] : [])]) {
        const loose = readIfExists(join(base, ref))?.trim();
        if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
        const packed = readIfExists(join(base, 'packed-refs'));
        const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
        if (line) return line.slice(0, 40);
      }
    }
  }
  return sourcesFile(dir).get('commit') ?? null;
}

function gitDirOf(dir: string): string | null {
  const dotGit = join(dir, '.git');
  if (!existsSync(dotGit)) return null;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
  return m ? (m[1].startsWith('/') ? m[1].trim() : join(dir, m[1].trim())) : null;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
