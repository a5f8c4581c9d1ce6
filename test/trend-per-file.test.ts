/**
 * Per-file spread on a real raw directory (20 processes of CPython 3.13.5 running the
 * coroutines workload), against the raw text files parsed here: min / median / max of
 * the metric per process, and the run value as the metric of the summed counters.
 * The run has no commit date, so these trends use the run-order axis.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/load/ingest.js';
import { computeTrend } from '../pipeline/trend/run-trend.js';
import type { Store } from '../pipeline/store/store.js';
import { CPY } from './helpers/fixtures.js';
import { tempStore } from './helpers/store.js';

const DIR = join(CPY, 'raw-multi-coroutines');
let store: Store;

/** Each raw file as key -> value (summed if a key repeats), parsed the simple way. */
function rawFiles(): Array<Map<string, bigint>> {
  return readdirSync(DIR).map((name) => {
    const m = new Map<string, bigint>();
    for (const line of readFileSync(join(DIR, name), 'utf8').split('\n')) {
      const parts = line.split(':');
      if (parts.length !== 2) continue;
      const key = parts[0].trim();
      m.set(key, (m.get(key) ?? 0n) + BigInt(parts[1].trim()));
    }
    return m;
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

beforeAll(async () => {
  store = await tempStore();
  const report = await ingest(store, [DIR], { workers: 2 });
  expect(report.errors).toEqual([]);
});

afterAll(() => store.close());

describe('per-file spread (raw input, one file per process)', () => {
  const files = rawFiles();

  it('has the 20 processes', () => {
    expect(files).toHaveLength(20);
  });

  it('frames.pushed: min / median / max over processes; the run value is the sum', async () => {
    const per = files.map((f) => Number(f.get('Frames pushed')!));
    const r = await computeTrend(store.conn, { metric: 'frames.pushed', x: 'order', perFile: true });
    expect(r.undatedRuns).toEqual([]);
    const p = r.series[0].points[0];
    expect(p.units).toBe(20);
    expect([p.min, p.median, p.max]).toEqual([Math.min(...per), median(per), Math.max(...per)]);
    const run = await computeTrend(store.conn, { metric: 'frames.pushed', x: 'order' });
    expect(run.series[0].points[0].exact).toBe(files.reduce((s, f) => s + f.get('Frames pushed')!, 0n));
  });

  it('spec.hit:LOAD_ATTR per process, with absent counters read as 0', async () => {
    const per = files.map((f) => {
      const v = (s: string) => Number(f.get(`opcode[LOAD_ATTR].${s}`) ?? 0n);
      const total = v('specialization.hit') + v('specialization.miss') + v('execution_count');
      return total === 0 ? null : (100 * v('specialization.hit')) / total;
    }).filter((x): x is number => x !== null);
    const r = await computeTrend(store.conn, { metric: 'spec.hit:LOAD_ATTR', x: 'order', perFile: true });
    const p = r.series[0].points[0];
    expect(p.units).toBe(per.length);
    expect(p.min).toBeCloseTo(Math.min(...per), 10);
    expect(p.median).toBeCloseTo(median(per), 10);
    expect(p.max).toBeCloseTo(Math.max(...per), 10);
  });

  it('a run without a commit date is left out on the date axis, and said so', async () => {
    const r = await computeTrend(store.conn, { metric: 'frames.pushed' });
    expect(r.series).toEqual([]);
    expect(r.undatedRuns).toHaveLength(1);
  });
});
