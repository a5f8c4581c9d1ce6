/**
 * What `summarize_stats.py --json-output` writes: `json.dump(data, f)` of the loaded data,
 * so the counters in key order, then the metadata tables the 3.13+ loader appends, then
 * bench_runner's `metadata` when the input already had one (pipeline/export/json). A 3.12
 * run carries no tables, so its output is the counters alone.
 */
import type { RunStats } from '../../../schemas/run-stats.js';
import { formatSummarizeJson } from '../json/summarize-json.js';

export function summarizeJsonOutput(stats: RunStats): string {
  return formatSummarizeJson(stats);
}
