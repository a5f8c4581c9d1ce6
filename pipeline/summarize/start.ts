/**
 * The first half of `pystats summarize`, light on imports: find the inputs and start
 * the parse workers on them, so they parse while DuckDB and the exporters load.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { discoverRawDir, DiscoveryError, type RunSource } from '../discover/raw-dir.js';
import { planRun } from '../load/run-plan.js';
import { startParsing, type StartedParse } from '../load/parse-jobs.js';
import type { ParsePool } from '../load/worker-pool.js';

export interface StartedSummarize {
  sources: RunSource[];
  parse: StartedParse;
}

export async function startSummarize(inputs: string[], pool: ParsePool, orderFile: string | null): Promise<StartedSummarize> {
  const sources = await Promise.all(inputs.map((input) => sourceOf(input, orderFile)));
  // Sums mode sends back one row per key per job: letting every job run ahead costs little.
  const parse = startParsing(pool, sources.map((s) => planRun(s, false)), {
    mode: 'sums', filesPerJob: 32, hashContent: false, window: Number.MAX_SAFE_INTEGER,
  });
  return { sources, parse };
}

async function sourceOf(input: string, orderFile: string | null): Promise<RunSource> {
  const info = await stat(input).catch(() => null);
  if (info?.isFile()) return { kind: 'json', path: resolve(input) };
  if (info?.isDirectory()) return discoverRawDir(input, { orderFile });
  throw new DiscoveryError(`${input}: not a directory of raw stats nor a JSON file`);
}
