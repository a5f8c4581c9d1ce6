/**
 * The published date series for the trend tests: ingested through the project's own
 * ingest, and read a second, independent way (the JSON decoded in the test, metrics
 * computed with BigInt arithmetic here) to check the SQL against.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ingest } from '../pipeline/load/ingest.js';
import type { Store } from '../pipeline/store/store.js';
import { tempStore } from './helpers/store.js';
import { fixtureJson, PUBLISHED, publishedSets } from './helpers/fixtures.js';
import type { DecodedSummarizeJson } from '../workers/decode/summarize-json.js';

export type SeriesName = 'series_all_benchmarks_python_main_default_build' | 'series_coroutines';

export function seriesFiles(name: SeriesName): string[] {
  return publishedSets()[name].map((p) => join(PUBLISHED, p));
}

export interface IndependentRun {
  file: string;
  commitDate: string;
  counters: Map<string, bigint>;
  specialized: Set<string>;
}

/** The series' JSON files decoded and put in commit-date order (as instants). */
export function readSeries(name: SeriesName): IndependentRun[] {
  return seriesFiles(name)
    .map((file) => {
      const j: DecodedSummarizeJson = fixtureJson(file);
      const date = j.metadata?.entries.find(([k]) => k === 'commit_date')?.[1];
      if (typeof date !== 'string') throw new Error(`${file}: no commit_date in metadata`);
      return {
        file, commitDate: date,
        counters: new Map(j.keys.map((k, i) => [k, j.values[i]])),
        specialized: new Set((j.specializedInstructions ?? []).filter((n) => !n.includes('__'))),
      };
    })
    .sort((a, b) => Date.parse(a.commitDate) - Date.parse(b.commitDate));
}

export async function ingestSeries(store: Store, name: SeriesName): Promise<number[]> {
  const report = await ingest(store, seriesFiles(name), { workers: 2 });
  if (report.errors.length > 0) throw new Error(report.errors.join('\n'));
  return report.runIds;
}

/**
 * A store holding the named series for the tests of the calling file or describe block:
 * filled in beforeAll, closed in afterAll. The returned Store reads through to it.
 */
export function useSeriesStore(...names: SeriesName[]): Store {
  let store: Store | null = null;
  beforeAll(async () => {
    store = await tempStore();
    for (const name of names) await ingestSeries(store, name);
  });
  afterAll(() => store?.close());
  const opened = (): Store => {
    if (!store) throw new Error('the series store is only open inside tests');
    return store;
  };
  return {
    get path() { return opened().path; },
    get instance() { return opened().instance; },
    get conn() { return opened().conn; },
    close: () => opened().close(),
  };
}

// ---- metrics computed independently of the SQL: BigInt sums, one division at the end.

export function sumWhere(run: IndependentRun, pred: (key: string) => boolean): bigint | null {
  let total: bigint | null = null;
  for (const [k, v] of run.counters) if (pred(k)) total = (total ?? 0n) + v;
  return total;
}

export function get(run: IndependentRun, key: string): bigint | null {
  return run.counters.get(key) ?? null;
}

/** num / den as a double from exact integers (both below 2^80 here, so 2 roundings at most). */
export function ratio(num: bigint, den: bigint, scale = 1): number | null {
  if (den === 0n) return null;
  return (Number(num) / Number(den)) * scale;
}

const EXEC = /^opcode\[([^\]]+)\]\.execution_count$/;

export function executionCounts(run: IndependentRun): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [k, v] of run.counters) {
    const m = EXEC.exec(k);
    if (m) out.set(m[1], v);
  }
  return out;
}

export function totalInstructions(run: IndependentRun): bigint | null {
  const ec = executionCounts(run);
  return ec.size === 0 ? null : [...ec.values()].reduce((a, b) => a + b, 0n);
}

export function specializable(run: IndependentRun, name: string): boolean {
  return run.counters.has(`opcode[${name}].specializable`);
}
