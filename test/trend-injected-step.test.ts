/**
 * A synthetic series made from a real run: one published coroutines JSON copied to 12
 * daily commits, "Frames pushed" given realistic per-commit noise and a +10 % step from
 * the 8th commit on. Ingested through the real ingest, `frames.pushed` must flag exactly
 * that date, and a metric that did not change must flag nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/load/ingest.js';
import { computeTrend } from '../pipeline/trend/run-trend.js';
import { seededRandom, normalDraw } from '../pipeline/trend/detect/stats.js';
import type { Store } from '../pipeline/store/store.js';
import { tempDir, tempStore } from './helpers/store.js';
import { seriesFiles } from './trend-fixtures.js';

const STEP_AT = 7; // 0-based: the 8th commit
const DAYS = 12;
let store: Store;
let base: bigint;

function day(i: number): string {
  return `2025-01-${String(i + 1).padStart(2, '0')}`;
}

beforeAll(async () => {
  const source = seriesFiles('series_coroutines').find((f) => f.includes('0ac40ac'))!;
  const text = readFileSync(source, 'utf8');
  base = BigInt(/"Frames pushed": (\d+)/.exec(text)![1]);
  const rand = seededRandom(42);
  const root = join(tempDir('pystats-trend-step-'), 'results');
  for (let i = 0; i < DAYS; i++) {
    const hash = `abc${String(i).padStart(4, '0')}`;
    const noise = 1 + 0.0005 * normalDraw(rand);
    const level = i >= STEP_AT ? 1.1 : 1;
    const frames = BigInt(Math.round(Number(base) * level * noise));
    const dir = join(root, `bm-${day(i).replace(/-/g, '')}-3.14.0a2+-${hash.slice(0, 7)}`);
    mkdirSync(dir, { recursive: true });
    const out = text
      .replace(/"Frames pushed": \d+/, `"Frames pushed": ${frames}`)
      .replace(/"commit_id": "[^"]*"/, `"commit_id": "${hash}"`)
      .replace(/"commit_date": "[^"]*"/, `"commit_date": "${day(i)}T12:00:00+00:00"`);
    writeFileSync(join(dir, `bm-${day(i).replace(/-/g, '')}-azure-x86_64-python-main-3.14.0a2+-${hash.slice(0, 7)}-pystats-coroutines.json`), out);
  }
  store = await tempStore();
  const report = await ingest(store, [root], { workers: 2 });
  expect(report.errors).toEqual([]);
  expect(report.added).toBe(DAYS);
});

afterAll(() => store.close());

describe('a synthetic series with an injected step', () => {
  it('flags the step at the injected date, with its size', async () => {
    const r = await computeTrend(store.conn, { metric: 'frames.pushed', filters: { benchmark: 'coroutines' } });
    expect(r.series).toHaveLength(1);
    const s = r.series[0];
    expect(s.points).toHaveLength(DAYS);
    expect(s.steps).toHaveLength(1);
    const p = s.points[s.steps[0].index];
    expect(p.date).toBe(day(STEP_AT));
    expect(s.steps[0].relative).toBeGreaterThan(0.09);
    expect(s.steps[0].relative).toBeLessThan(0.11);
    expect(Math.abs(s.steps[0].before - Number(base)) / Number(base)).toBeLessThan(0.002);
    expect(s.steps[0].confidence).toBeGreaterThan(0.99);
  });

  it('the baseline finds it too, at the same date', async () => {
    const r = await computeTrend(store.conn, { metric: 'frames.pushed', filters: { benchmark: 'coroutines' }, method: 'edivisive' });
    const s = r.series[0];
    expect(s.steps.map((st) => s.points[st.index].date)).toContain(day(STEP_AT));
  });

  it('flags nothing on metrics the injection did not touch', async () => {
    for (const metric of ['instructions', 'spec.hit:LOAD_ATTR', 'alloc.per_kinstr']) {
      const r = await computeTrend(store.conn, { metric, filters: { benchmark: 'coroutines' } });
      expect(r.series[0].steps, metric).toEqual([]);
    }
  });

  it('a ratio over the injected counter moves at the same date', async () => {
    const r = await computeTrend(store.conn, { expr: '"Frames pushed" / "Calls to PyEval_EvalDefault"', filters: { benchmark: 'coroutines' } });
    const s = r.series[0];
    expect(s.steps.map((st) => s.points[st.index].date)).toEqual([day(STEP_AT)]);
  });
});
