/**
 * Who ran what: the identity of one pystats run, modelled on bench_runner's `Result`
 * (bench_runner/result.py), which owns result naming both ways: `Result.filename` builds
 *
 *   results/bm-<DATE>-<VERSION>-<HASH>[-<FLAGS>]/
 *           bm-<DATE>-<NICK>-<MACHINE>-<FORK>-<REF>-<VERSION>-<HASH>-pystats[-<BENCH>].<json|md>
 *
 * and `Result.from_filename` splits it again (docs/format.md §4.1, §4.2).
 *
 * An identity is assembled from layers, later ones winning field by field: the file name,
 * then bench_runner's `metadata` block in the JSON, then command-line overrides. Metadata
 * beats the name wherever both have a field, because the name is lossy: the ref is cut to
 * 20 characters with '-' turned into '_', the hash is cut to 7 characters and the date
 * keeps only YYYYMMDD of the commit's %cI timestamp.
 */
import type { JsonObject } from '../../schemas/run-stats.js';

export interface RunIdentity {
  fork: string | null;
  ref: string | null;
  commitHash: string | null;
  /** `git log --format=%cI` text (with the committer's offset), or YYYY-MM-DD when only the file name said. */
  commitDate: string | null;
  pythonVersion: string | null;
  machine: string | null;
  nickname: string | null;
  /** A benchmark name, or 'all' for the aggregate over every benchmark. */
  benchmark: string | null;
  /** bench_runner's internal flag names (PYTHON_UOPS, JIT, NOGIL, TAILCALL), sorted and unique. */
  flags: string[];
}

/** The benchmark value of an aggregated run; bench_runner names it `-pystats` with no suffix. */
export const ALL_BENCHMARKS = 'all';

/** The store's `flags` column: sorted flag names comma-joined, NULL for a default build. */
export function flagsColumn(flags: readonly string[]): string | null {
  return flags.length > 0 ? flags.join(',') : null;
}

/** The flag names of a `flags` column value. */
export function flagsOfColumn(column: string | null): string[] {
  return column ? column.split(',') : [];
}

interface ParsedName {
  date: string; // YYYYMMDD
  nickname: string;
  machine: string;
  fork: string; // quoted: '-' written as %2d
  ref: string;
  version: string;
  hash: string;
  extra: string[];
  suffix: string; // '.json', '.md', or '' ...
}

/**
 * Result.from_filename on the last path component: the stem (name without its last
 * suffix, as Python's Path.stem) split on '-'. Only bench_runner's own fields are cleaned
 * of '-', so the first eight parts are fixed and the rest is `extra`.
 */
function parseResultName(fileName: string): ParsedName | null {
  let name = parsedNames.get(fileName);
  if (name === undefined) {
    if (parsedNames.size >= PARSED_NAMES_KEPT) parsedNames.clear();
    name = parseResultNameNow(fileName);
    parsedNames.set(fileName, name);
  }
  return name;
}

/**
 * Names parsed (their results are never changed by their callers). An ingest asks of
 * each file's name three times: discovery (is it a result, and the siblings of an
 * aggregated one) and the run's identity. Emptied when full.
 */
const parsedNames = new Map<string, ParsedName | null>();
const PARSED_NAMES_KEPT = 1 << 16;

function parseResultNameNow(fileName: string): ParsedName | null {
  const dot = fileName.lastIndexOf('.');
  // Path.suffix: a leading dot (".json") is not a suffix, and neither is a trailing one.
  const hasSuffix = dot > 0 && dot < fileName.length - 1;
  const stem = hasSuffix ? fileName.slice(0, dot) : fileName;
  const suffix = hasSuffix ? fileName.slice(dot) : '';
  const parts = stem.split('-');
  if (parts.length < 8 || parts[0] !== 'bm') return null;
  const [, date, nickname, machine, fork, ref, version, hash, ...extra] = parts;
  if (!/^\d{8}$/.test(date)) return null;
  return { date, nickname, machine, fork, ref, version, hash, extra, suffix };
}

/** The result kind bench_runner's `Result.result_info` gives a name (first match wins, as its `match`). */
function resultKind(name: ParsedName): 'raw results' | 'pystats diff' | 'pystats table' | 'pystats raw' | 'other' {
  const [first, second] = name.extra;
  if (name.extra.length === 0 && name.suffix === '.json') return 'raw results';
  if (first === 'pystats' && second === 'vs' && name.extra.length === 3 && name.suffix === '.md') return 'pystats diff';
  if (first === 'pystats' && name.suffix === '.md') return 'pystats table';
  if (first === 'pystats' && name.suffix === '.json') return 'pystats raw';
  return 'other';
}

/**
 * The last `n` (or fewer) non-empty parts of a path split on '/' and '\\', in order: read
 * from the end, as only the file name and its folder matter (an archive's 20,000 paths
 * split whole on a regular expression, three times each, were a tenth of planning it).
 */
function lastPathParts(path: string, n: number): string[] {
  const parts: string[] = [];
  let end = path.length;
  for (let i = path.length - 1; i >= -1 && parts.length < n; i--) {
    const c = i < 0 ? '/' : path[i];
    if (c !== '/' && c !== '\\') continue;
    if (i + 1 < end) parts.unshift(path.slice(i + 1, end));
    end = i;
  }
  return parts;
}

/**
 * True for the JSON bench_runner writes next to a pystats report ("pystats raw" in
 * result_info): `...-pystats.json` or `...-pystats-<benchmark>.json`. False for raw
 * benchmark results (no `pystats` part), for the `.md` tables and for the
 * `-pystats-vs-<base>.md` comparisons. Only the file name is looked at, so a result
 * copied out of its `bm-...` folder still counts.
 */
export function isPystatsResultFile(path: string): boolean {
  const fileName = lastPathParts(path, 1).at(-1);
  const name = fileName ? parseResultName(fileName) : null;
  return name !== null && resultKind(name) === 'pystats raw';
}

/**
 * The per-benchmark results published beside an aggregated `...-pystats.json`: the
 * benchmark of every sibling `<stem>-<benchmark>.json` or `.md` in `fileNames` (a
 * directory listing), sorted as bench_runner writes the links line. In 2024 bench_runner
 * published the per-benchmark reports as `.md` only, so their names are all that tells
 * which benchmarks the aggregate covered. Empty for a per-benchmark JSON.
 */
export function siblingBenchmarks(aggregatedJson: string, fileNames: Iterable<string>): string[] {
  const fileName = lastPathParts(aggregatedJson, 1).at(-1) ?? '';
  const own = parseResultName(fileName);
  if (!own || resultKind(own) !== 'pystats raw' || own.extra.length !== 1) return [];
  const prefix = fileName.slice(0, -own.suffix.length) + '-';
  const found = new Set<string>();
  for (const name of fileNames) {
    if (!name.startsWith(prefix)) continue;
    const parsed = parseResultName(name);
    if (!parsed) continue;
    const kind = resultKind(parsed);
    if (kind !== 'pystats raw' && kind !== 'pystats table') continue;
    const benchmark = parsed.extra.slice(1).join('-');
    if (benchmark !== '') found.add(benchmark);
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The bench_runner pystats JSONs among a directory's file names, each with the benchmarks
 * of the per-benchmark results beside it (siblingBenchmarks, for an aggregated JSON; none
 * for a per-benchmark one), in listing order. Each name is parsed once: discovery asks this
 * of every folder of an archive (siblingBenchmarks per JSON cost 20,000 parses of names
 * again for 220 aggregated runs).
 */
export function pystatsResultsIn(fileNames: readonly string[]): Array<{ name: string; siblings: string[] }> {
  const parsed = fileNames.map((name) => ({ name, parsed: parseResultNameNow(name) }));
  // A per-benchmark result's name is its aggregate's stem, a dash and the benchmark: the
  // same first nine parts (the fork is quoted, so each dash is a separator).
  const stemOf = (n: ParsedName) => ['bm', n.date, n.nickname, n.machine, n.fork, n.ref, n.version, n.hash, n.extra[0]].join('-');
  const benchmarks = new Map<string, Set<string>>();
  for (const { parsed: n } of parsed) {
    if (!n || n.extra.length < 2) continue;
    const kind = resultKind(n);
    const benchmark = n.extra.slice(1).join('-');
    if ((kind !== 'pystats raw' && kind !== 'pystats table') || benchmark === '') continue;
    const stem = stemOf(n);
    const found = benchmarks.get(stem) ?? new Set<string>();
    benchmarks.set(stem, found.add(benchmark));
  }
  const results: Array<{ name: string; siblings: string[] }> = [];
  for (const { name, parsed: n } of parsed) {
    if (!n || resultKind(n) !== 'pystats raw') continue;
    const found = n.extra.length === 1 ? benchmarks.get(stemOf(n)) : undefined;
    results.push({ name, siblings: found ? [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [] });
  }
  return results;
}

/**
 * The identity a bench_runner pystats file name carries (JSON or `.md` table; null for
 * anything else). The fork is unquoted (%2d -> '-'); ref and hash stay as truncated in
 * the name; commitDate is only YYYY-MM-DD. Flags come from the folder name
 * `bm-<DATE>-<VERSION>-<HASH>[-<FLAGS>]` when the file sits in its own result folder
 * (split on ','; none when there is no suffix); without that folder they are unknown
 * and left out, so another layer can supply them.
 */
export function identityFromBenchRunnerPath(path: string): Partial<RunIdentity> | null {
  const parts = lastPathParts(path, 2);
  const fileName = parts.at(-1);
  const name = fileName ? parseResultName(fileName) : null;
  if (!name) return null;
  const kind = resultKind(name);
  if (kind !== 'pystats raw' && kind !== 'pystats table') return null;
  const benchmarkParts = name.extra.slice(1);
  const id: Partial<RunIdentity> = {
    fork: unquoteFork(name.fork),
    ref: name.ref,
    commitHash: name.hash,
    commitDate: `${name.date.slice(0, 4)}-${name.date.slice(4, 6)}-${name.date.slice(6, 8)}`,
    pythonVersion: name.version,
    machine: name.machine,
    nickname: name.nickname,
    // bench_runner does not clean benchmark names, so one may hold '-': it is the rest.
    benchmark: benchmarkParts.length > 0 ? benchmarkParts.join('-') : ALL_BENCHMARKS,
  };
  const flags = parts.length >= 2 ? flagsOfFolder(parts[parts.length - 2], name) : null;
  if (flags) id.flags = flags;
  return id;
}

/** Flags of the result folder, or null when the folder is not this file's `bm-` folder. */
function flagsOfFolder(folder: string, name: ParsedName): string[] | null {
  const prefix = `bm-${name.date}-${name.version}-${name.hash}`;
  if (folder === prefix) return [];
  if (!folder.startsWith(`${prefix}-`)) return null;
  // An archive's runs come folder by folder: the last folder's flags are kept (a copy is handed out).
  if (folder !== lastFolder.folder || prefix !== lastFolder.prefix) {
    lastFolder = { folder, prefix, flags: normalizeFlags(folder.slice(prefix.length + 1).split(',')) };
  }
  return [...lastFolder.flags];
}

let lastFolder = { folder: '', prefix: '', flags: [] as string[] };

/** bench_runner quotes only '-' in forks (so the name still splits on '-'). */
function unquoteFork(fork: string): string {
  return fork.includes('%') ? fork.replace(/%2d/gi, '-') : fork;
}

/**
 * The identity in bench_runner's `metadata` block (update_metadata): commit_id is
 * `git log --pretty=format:%h` and not cut to 7, commit_fork and commit_branch are the
 * workflow inputs as given, commit_date is %cI text, kept as is. Fields that are missing
 * or not strings are left out.
 */
export function identityFromMetadata(metadata: JsonObject): Partial<RunIdentity> {
  const id: Partial<RunIdentity> = {};
  const text = (key: string): string | undefined => {
    const entry = metadata.entries.find(([k]) => k === key);
    return entry && typeof entry[1] === 'string' && entry[1] !== '' ? entry[1] : undefined;
  };
  const commitHash = text('commit_id');
  const fork = text('commit_fork');
  const ref = text('commit_branch');
  const commitDate = text('commit_date');
  if (commitHash !== undefined) id.commitHash = commitHash;
  if (fork !== undefined) id.fork = fork;
  if (ref !== undefined) id.ref = ref;
  if (commitDate !== undefined) id.commitDate = commitDate;
  return id;
}

const FIELDS = ['fork', 'ref', 'commitHash', 'commitDate', 'pythonVersion', 'machine', 'nickname', 'benchmark'] as const;

/**
 * One identity from layers, later layers winning for every field they set to a non-null
 * value (so: file name, then metadata, then command-line overrides). A layer sets flags
 * by having a `flags` array at all, even an empty one (a folder without flags says "no
 * flags"; a layer that does not know leaves the field out).
 */
export function mergeIdentity(...layers: Array<Partial<RunIdentity> | null | undefined>): RunIdentity {
  const id: RunIdentity = {
    fork: null, ref: null, commitHash: null, commitDate: null, pythonVersion: null,
    machine: null, nickname: null, benchmark: null, flags: [],
  };
  for (const layer of layers) {
    if (!layer) continue;
    for (const field of FIELDS) {
      const value = layer[field];
      if (value !== null && value !== undefined) id[field] = value;
    }
    if (Array.isArray(layer.flags)) id.flags = normalizeFlags(layer.flags);
  }
  return id;
}

function normalizeFlags(flags: string[]): string[] {
  return [...new Set(flags.filter((f) => f !== ''))].sort();
}

export class RunIdentityError extends Error {}

/**
 * `Result.filename`'s last component for a pystats file: the inverse of
 * identityFromBenchRunnerPath. Applies bench_runner's cleaning, so it takes either the
 * name's values or the metadata's: date = commitDate[:10] without '-', nickname,
 * machine and version with '-' -> '_' (version lowercased), fork with '-' -> '%2d',
 * ref[:20] with '-' -> '_', hash[:7], then `pystats` and `-<benchmark>` unless 'all'.
 */
export function benchRunnerFileName(id: RunIdentity, ext: 'json' | 'md'): string {
  const f = cleanedFields(id);
  const extra = id.benchmark === null || id.benchmark === ALL_BENCHMARKS ? 'pystats' : `pystats-${id.benchmark}`;
  return `bm-${f.date}-${f.nickname}-${f.machine}-${f.fork}-${f.ref}-${f.version}-${f.hash}-${extra}.${ext}`;
}

/** The whole `Result.filename`: `results/<folder>/<file>`, the folder carrying the flags. */
export function benchRunnerResultPath(id: RunIdentity, ext: 'json' | 'md'): string {
  const f = cleanedFields(id);
  const flags = normalizeFlags(id.flags);
  const folder = `bm-${f.date}-${f.version}-${f.hash}${flags.length > 0 ? `-${flags.join(',')}` : ''}`;
  return `results/${folder}/${benchRunnerFileName(id, ext)}`;
}

function cleanedFields(id: RunIdentity): Record<'date' | 'nickname' | 'machine' | 'fork' | 'ref' | 'version' | 'hash', string> {
  const need = (field: keyof RunIdentity): string => {
    const value = id[field];
    if (typeof value !== 'string' || value === '') {
      throw new RunIdentityError(`cannot name a bench_runner result without ${field}`);
    }
    return value;
  };
  const date = need('commitDate').slice(0, 10).replace(/-/g, '');
  if (!/^\d{8}$/.test(date)) throw new RunIdentityError(`commit date ${JSON.stringify(id.commitDate)} does not start with YYYY-MM-DD`);
  return {
    date,
    nickname: need('nickname').replace(/-/g, '_'),
    machine: need('machine').replace(/-/g, '_'),
    fork: need('fork').replace(/-/g, '%2d'),
    ref: need('ref').slice(0, 20).replace(/-/g, '_'),
    version: need('pythonVersion').toLowerCase().replace(/-/g, '_'),
    hash: need('commitHash').slice(0, 7),
  };
}

/** Characters Python's urllib.parse.quote never escapes, plus '/' (its default `safe`). */
const QUOTE_SAFE = /^[A-Za-z0-9_.\-~/]$/;

/**
 * Python's `urllib.parse.quote(s, safe='/')`, as bench_runner quotes the per-benchmark
 * links of an aggregated report: UTF-8 bytes, upper-case hex, so '+' -> %2B and the
 * fork's literal %2d -> %252d.
 */
export function quoteLink(s: string): string {
  let out = '';
  for (const ch of s) {
    if (QUOTE_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
