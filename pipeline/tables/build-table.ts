/**
 * One version's table file (schemas/versions/<minor>.json) from a CPython source tree:
 * the tables summarize_stats.py appends to a raw directory's data, CPython's own
 * instruction families, 3.12's opcode names, and where all of it came from (version,
 * commit, and each file read with its sha256). The text is deterministic, so a table
 * regenerated from the same files is the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { DefinesTable } from '../../schemas/run-stats.js';
import { readDefines, readFamilies, readOpnames312, readSpecializedInstructions } from './read-sources.js';
import { filesFor, readTreeFile, SourceTreeError, treeCommit, treeVersion } from './source-tree.js';

export interface TableSource {
  version: string;
  commit: string;
  files: { path: string; sha256: string }[];
}

export interface VersionTableFile {
  minor: string;
  generated_by: string;
  source: TableSource;
  /** What the 3.13+ loader appends; null for 3.12, whose loader appends nothing. */
  specialized_instructions: string[] | null;
  stats_defines: DefinesTable;
  defines: DefinesTable;
  /** `_specializations`: base instruction -> its specialized forms, file order. */
  families: [string, string[]][];
  /** 3.12's opcode number -> name table; null for 3.13+, whose keys carry names. */
  opnames: string[] | null;
}

export const GENERATED_BY = 'pystats tables --from-cpython DIR (pipeline/tables); do not edit by hand';

export interface BuildOptions {
  /** CPython version, e.g. 3.15.2 (default: the tree's patchlevel.h or SOURCES). */
  version?: string | null;
  /** Commit the tree is at (default: its git HEAD or SOURCES; else "unknown"). */
  commit?: string | null;
}

/** "3.15.2" -> "3.15"; null for text that is not a version pystats has a format for. */
export function minorOfVersion(version: string): string | null {
  const m = /^(\d+)\.(\d+)(?!\d)/.exec(version.trim());
  if (!m || Number(m[1]) !== 3 || Number(m[2]) < 12) return null;
  return `${Number(m[1])}.${Number(m[2])}`;
}

export function buildVersionTable(dir: string, opts: BuildOptions = {}): VersionTableFile {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SourceTreeError(`${dir}: no such folder`);
  const version = opts.version ?? treeVersion(dir);
  if (!version) {
    throw new SourceTreeError(`${dir}: cannot tell which CPython version this is (no Include/patchlevel.h, no SOURCES file); give --cpython-version`);
  }
  const minor = minorOfVersion(version);
  if (!minor) throw new SourceTreeError(`"${version}" is not a CPython version with pystats tables (3.12 or later)`);
  const commit = opts.commit ?? treeCommit(dir) ?? 'unknown';
  const paths = filesFor(minor);
  const read: { path: string; sha256: string }[] = [];
  const text = (rel: string): string => {
    const t = readTreeFile(dir, rel);
    read.push({ path: rel, sha256: createHash('sha256').update(t, 'utf8').digest('hex') });
    return t;
  };
  const opcodes = text(paths.opcodes);
  const families = readFamilies(opcodes, paths.opcodes);
  const stats_defines = readDefines(text(paths.statsHeader), 'EVAL_CALL', paths.statsHeader);
  const defines = readDefines(text(paths.specialize), 'SPEC_FAIL', paths.specialize);
  return {
    minor,
    generated_by: GENERATED_BY,
    source: { version, commit, files: read },
    specialized_instructions: minor === '3.12' ? null : readSpecializedInstructions(opcodes, paths.opcodes),
    stats_defines,
    defines,
    families,
    opnames: minor === '3.12' ? readOpnames312(opcodes, families, paths.opcodes) : null,
  };
}

/** The file's text: two-space JSON, one name per line, one [index, names] pair per line. */
export function formatVersionTable(t: VersionTableFile): string {
  const s = JSON.stringify;
  const inline = (v: string[]): string => `[${v.map((n) => s(n)).join(', ')}]`;
  const list = (items: string[], indent: string): string =>
    items.length === 0 ? '[]' : `[\n${items.map((i) => `${indent}  ${i}`).join(',\n')}\n${indent}]`;
  const names = (v: string[] | null): string => (v === null ? 'null' : list(v.map((n) => s(n)), '  '));
  const pairs = (v: DefinesTable): string => list(v.map(([i, n]) => `[${i}, ${inline(n)}]`), '  ');
  const families = t.families.length === 0
    ? '{}'
    : `{\n${t.families.map(([base, forms]) => `    ${s(base)}: ${inline(forms)}`).join(',\n')}\n  }`;
  const files = list(t.source.files.map((f) => `{"path": ${s(f.path)}, "sha256": ${s(f.sha256)}}`), '    ');
  return [
    '{',
    `  "minor": ${s(t.minor)},`,
    `  "generated_by": ${s(t.generated_by)},`,
    '  "source": {',
    `    "version": ${s(t.source.version)},`,
    `    "commit": ${s(t.source.commit)},`,
    `    "files": ${files}`,
    '  },',
    `  "specialized_instructions": ${names(t.specialized_instructions)},`,
    `  "stats_defines": ${pairs(t.stats_defines)},`,
    `  "defines": ${pairs(t.defines)},`,
    `  "families": ${families},`,
    `  "opnames": ${names(t.opnames)}`,
    '}',
    '',
  ].join('\n');
}
