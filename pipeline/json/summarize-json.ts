/**
 * A run as summarize_stats.py's `--json-output` writes it: counters in first-appearance
 * order (`__nfiles__` where the loader put it), then `_specialized_instructions`,
 * `_stats_defines`, `_defines` when the run has them, then bench_runner's `metadata`.
 */
import { jsonObject, type DefinesTable, type JsonObject, type JsonValue, type RunStats } from '../../schemas/run-stats.js';
import { pythonJsonDumps } from './python-json.js';

export function runStatsToJson(stats: RunStats): JsonObject {
  const entries: Array<[string, JsonValue]> = stats.keys.map((k, i) => [k, stats.values[i]]);
  if (stats.specializedInstructions) entries.push(['_specialized_instructions', stats.specializedInstructions]);
  if (stats.statsDefines) entries.push(['_stats_defines', definesJson(stats.statsDefines)]);
  if (stats.defines) entries.push(['_defines', definesJson(stats.defines)]);
  if (stats.metadata) entries.push(['metadata', stats.metadata]);
  return jsonObject(entries);
}

/** `indent` 2 gives bench_runner's rewritten file; none gives the script's own output. */
export function formatSummarizeJson(stats: RunStats, indent?: number): string {
  return pythonJsonDumps(runStatsToJson(stats), indent);
}

function definesJson(table: DefinesTable): JsonObject {
  return jsonObject(table.map(([i, names]) => [String(i), names]));
}
