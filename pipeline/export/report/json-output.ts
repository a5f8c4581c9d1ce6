/**
 * What `summarize_stats.py --json-output` writes: `json.dump(data, f)` of the loaded data,
 * so the counters in key order, then the metadata tables the 3.13+ loader appends
 * (`_specialized_instructions`, `_stats_defines`, `_defines`, int keys written as strings),
 * then bench_runner's `metadata` when the input already had one. A 3.12 run carries no
 * tables, so its output is the counters alone.
 */
import { jsonObject, type DefinesTable, type JsonValue, type RunStats } from '../../../schemas/run-stats.js';
import { pythonJsonDumps } from '../json/python-json.js';

export function summarizeJsonOutput(stats: RunStats): string {
  const entries: Array<[string, JsonValue]> = stats.keys.map((key, i) => [key, stats.values[i]]);
  if (stats.specializedInstructions) entries.push(['_specialized_instructions', [...stats.specializedInstructions]]);
  if (stats.statsDefines) entries.push(['_stats_defines', definesObject(stats.statsDefines)]);
  if (stats.defines) entries.push(['_defines', definesObject(stats.defines)]);
  if (stats.metadata) entries.push(['metadata', stats.metadata]);
  return pythonJsonDumps(jsonObject(entries));
}

function definesObject(table: DefinesTable): JsonValue {
  return jsonObject(table.map(([index, names]) => [String(index), [...names]]));
}
