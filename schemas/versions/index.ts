/**
 * Per-version metadata that summarize_stats.py takes from the interpreter and source tree
 * it runs with, bundled as data (schemas/versions/<minor>.json) so that raw stats
 * directories can be reported without a CPython at hand:
 *  - `_specialized_instructions` (keys of opcode._specialized_opmap; none for 3.12),
 *  - `_stats_defines` (EVAL_CALL_* from pystats.h) and `_defines` (SPEC_FAIL_* from
 *    specialize.c), int-keyed tables in the loader's first-appearance order,
 *  - for 3.12, the number -> name table its report uses (docs/format.md §3.7.1).
 * Each file says where every table came from in its `sources` block.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../pipeline/package-root.js';
import type { DefinesTable } from '../run-stats.js';

export { detectMinorFromKeys } from './detect-minor.js';

export type PythonMinor = '3.12' | '3.13' | '3.14' | '3.15';

export const PYTHON_MINORS: readonly PythonMinor[] = ['3.12', '3.13', '3.14', '3.15'];

export interface VersionMetadata {
  minor: PythonMinor;
  specializedInstructions: string[] | null;
  statsDefines: DefinesTable;
  defines: DefinesTable;
  opnames: string[] | null;
  /** One line per table: where it came from and what is uncertain about it. */
  sources: string;
}

/**
 * The minor version of a CPython version string as bench_runner writes it
 * (platform.python_version(), lowercased): '3.13.0b2+' -> '3.13'. Null for versions
 * pystats has no tables for ('3.11.9', '3.16.0a1') and for text that is not a version.
 */
export function minorOf(pythonVersion: string): PythonMinor | null {
  const m = /^(\d+)\.(\d+)(?![\d])/.exec(pythonVersion.trim());
  if (!m) return null;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return (PYTHON_MINORS as readonly string[]).includes(minor) ? (minor as PythonMinor) : null;
}

export class VersionMetadataError extends Error {}

const cache = new Map<PythonMinor, VersionMetadata>();

/**
 * The bundled tables of one minor version. The JSON files are not compiled, so they are
 * found from the package root (pipeline/package-root walks up to package.json from the
 * running module), which works the same from the .ts sources and from dist/.
 */
export function versionMetadata(minor: PythonMinor): VersionMetadata {
  const cached = cache.get(minor);
  if (cached) return cached;
  if (!PYTHON_MINORS.includes(minor)) throw new VersionMetadataError(`no version tables for Python ${String(minor)}`);
  const path = fromRoot('schemas', 'versions', `${minor}.json`);
  const meta = parseVersionFile(JSON.parse(readFileSync(path, 'utf8')) as unknown, minor, path);
  cache.set(minor, meta);
  return meta;
}

/** Checks the shape of a version file, so a bad edit fails loudly here and not in a report. */
function parseVersionFile(raw: unknown, minor: PythonMinor, path: string): VersionMetadata {
  const fail = (what: string): never => {
    throw new VersionMetadataError(`${path}: ${what}`);
  };
  if (!isRecord(raw)) return fail('not a JSON object');
  if (raw.minor !== minor) fail(`"minor" is ${JSON.stringify(raw.minor)}, expected "${minor}"`);
  const specializedInstructions = raw.specialized_instructions === null
    ? null
    : isStringList(raw.specialized_instructions) ? raw.specialized_instructions : fail('"specialized_instructions" is not a list of strings or null');
  const opnames = raw.opnames === null
    ? null
    : isStringList(raw.opnames) ? raw.opnames : fail('"opnames" is not a list of strings or null');
  const table = (key: string): DefinesTable => {
    const value = raw[key];
    if (!Array.isArray(value)) return fail(`"${key}" is not a list of [index, names] pairs`);
    const seen = new Set<number>();
    return value.map((pair: unknown): [number, string[]] => {
      if (!Array.isArray(pair) || pair.length !== 2 || !Number.isInteger(pair[0]) || !isStringList(pair[1])) {
        return fail(`"${key}" has an entry that is not [index, names]: ${JSON.stringify(pair)}`);
      }
      // The loader groups names under one key per index; a repeated index means a bad edit.
      if (seen.has(pair[0])) fail(`"${key}" repeats index ${pair[0]}`);
      seen.add(pair[0]);
      return [pair[0], pair[1]];
    });
  };
  if (!isRecord(raw.sources)) fail('"sources" is not an object');
  const sources = Object.entries(raw.sources as Record<string, unknown>)
    .map(([name, text]) => `${name}: ${typeof text === 'string' ? text : fail(`sources.${name} is not a string`)}`)
    .join('\n');
  return { minor, specializedInstructions, statsDefines: table('stats_defines'), defines: table('defines'), opnames, sources };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
