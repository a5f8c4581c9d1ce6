/**
 * A raw directory carries counters only; summarize_stats.py appends the specialized
 * instruction names and the failure-kind and call-kind tables from the interpreter and
 * source tree it runs with. pystats takes them from the bundled per-version tables
 * (schemas/versions), for the given CPython version or the one the keys reveal.
 * Tables the run already has (JSON input) win.
 */
import type { RunStats } from '../../schemas/run-stats.js';
import { detectMinorFromKeys, minorOf, versionMetadata, type PythonMinor } from '../../schemas/versions/index.js';

export function withVersionTables(stats: RunStats, pythonVersion: string | null): RunStats {
  if (stats.statsDefines && stats.defines) return stats;
  const minor = minorFor(stats, pythonVersion);
  if (!minor) return stats;
  const meta = versionMetadata(minor);
  return {
    ...stats,
    specializedInstructions: stats.specializedInstructions ?? meta.specializedInstructions,
    statsDefines: stats.statsDefines ?? meta.statsDefines,
    defines: stats.defines ?? meta.defines,
  };
}

/**
 * The run as the version's loader leaves it for `--json-output`: 3.13+ appends the
 * tables, the 3.12 loader appends none (its report reads them at render time).
 */
export function withLoaderTables(stats: RunStats, pythonVersion: string | null): RunStats {
  return minorFor(stats, pythonVersion) === '3.12' ? stats : withVersionTables(stats, pythonVersion);
}

/** Detected once per key list: the report and the JSON of one run both ask. */
const detected = new WeakMap<readonly string[], PythonMinor | null>();

function minorFor(stats: RunStats, pythonVersion: string | null): PythonMinor | null {
  const given = pythonVersion ? minorOf(pythonVersion) : null;
  if (given) return given;
  let minor = detected.get(stats.keys);
  if (minor === undefined) detected.set(stats.keys, (minor = detectMinorFromKeys(stats.keys)));
  return minor;
}
