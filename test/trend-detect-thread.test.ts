/**
 * The site detects steps on a thread of its own (detect-thread.ts, through
 * detect-client.ts): on the published date series, for metrics of every scale and with
 * several lines, it must attach exactly the steps `pystats trend` detects in-line, and a
 * line with gaps must keep its step indices in the full series. Needs the built thread
 * bundle (make test builds first).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DetectionThread } from '../pipeline/trend/detect/detect-client.js';
import { computeTrend, prepareTrend, resolveRequest, trendBeforeDetection } from '../pipeline/trend/run-trend.js';
import { queryMetric } from '../pipeline/trend/metrics/trend-query.js';
import { ValueTable } from '../pipeline/trend/value-table.js';
import { useSeriesStore } from './trend-fixtures.js';

const store = useSeriesStore('series_all_benchmarks_python_main_default_build', 'series_coroutines');
const thread = new DetectionThread();
afterAll(() => thread.close());

describe('step detection on its own thread', () => {
  for (const metric of ['instructions', 'effectiveness', 'mix', 'spec.hit:LOAD_ATTR', 'rare']) {
    it(`attaches the steps pystats trend finds in-line: ${metric}`, async () => {
      const inline = await computeTrend(store.conn, { metric });
      const prepared = await prepareTrend(store.conn, {});
      const { query } = resolveRequest({ metric });
      const table = ValueTable.of(await queryMetric(store.conn, query, prepared.mode), prepared.points.length);
      const threaded = trendBeforeDetection(prepared, { metric }, table);
      expect(threaded.series.every((s) => s.steps.length === 0)).toBe(true);
      await thread.attach(threaded.series, threaded.detection.scale, threaded.detection.minEffect);
      expect(threaded.series.map((s) => [s.key, s.part, s.steps])).toEqual(inline.series.map((s) => [s.key, s.part, s.steps]));
      // And on the points, where the pages read them.
      const stepsOnPoints = (r: typeof inline) => r.series.map((s) => s.points.map((p) => p.step));
      expect(stepsOnPoints(threaded)).toEqual(stepsOnPoints(inline));
    });
  }

  it('compares real cases: steps found, and lines with gaps (points without a value)', async () => {
    const r = await computeTrend(store.conn, { metric: 'instructions' });
    expect(r.series.some((s) => s.steps.length > 0)).toBe(true);
    const withGaps: unknown[] = [];
    for (const metric of ['effectiveness', 'mix', 'rare']) {
      withGaps.push(...(await computeTrend(store.conn, { metric })).series.filter((s) => s.points.some((p) => p.value === null)));
    }
    expect(withGaps.length).toBeGreaterThan(0);
  });
});
