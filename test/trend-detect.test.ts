/**
 * Change detection on small constructed series: what is a step (a level held for two or
 * more points, of practical size) and what is not (one-off points, sub-floor drifts,
 * noise), for our method and the E-Divisive baseline.
 */
import { describe, expect, it } from 'vitest';
import { detectSteps } from '../pipeline/trend/detect/detect.js';
import { eDivisive, eDivisiveSteps } from '../pipeline/trend/detect/edivisive.js';
import { normalDraw, seededRandom } from '../pipeline/trend/detect/stats.js';

const flat = (v: number, n: number) => Array.from({ length: n }, () => v);

describe('robust step detection', () => {
  it('finds a deterministic step where it starts, with its levels', () => {
    const steps = detectSteps([...flat(1000, 5), ...flat(1100, 5)], 'relative');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ index: 5, before: 1000, after: 1100, size: 100, confidence: 1 });
    expect(steps[0].relative).toBeCloseTo(0.1, 12);
  });

  it('ignores one-off points, in the middle and at either end', () => {
    expect(detectSteps([...flat(1000, 4), 1300, ...flat(1000, 4)], 'relative')).toEqual([]);
    expect(detectSteps([1300, ...flat(1000, 8)], 'relative')).toEqual([]);
    expect(detectSteps([...flat(1000, 8), 1300], 'relative')).toEqual([]);
    // Two one-offs with a normal point between them are not a level either.
    expect(detectSteps([...flat(1000, 5), 940, 1000, 800, ...flat(1000, 5)], 'relative')).toEqual([]);
  });

  it('finds a step next to a one-off point', () => {
    const steps = detectSteps([...flat(1000, 5), 1200, 1000, ...flat(800, 6)], 'relative');
    expect(steps.map((s) => s.index)).toEqual([7]);
  });

  it('a level held for two runs is a plateau: two steps', () => {
    const steps = detectSteps([...flat(100, 6), 112, 112, ...flat(100, 6)], 'relative');
    expect(steps.map((s) => s.index)).toEqual([6, 8]);
  });

  it('keeps quiet below the practical size, unless asked for smaller steps', () => {
    const series = [...flat(1000, 6), ...flat(1005, 6)];
    expect(detectSteps(series, 'relative')).toEqual([]);
    expect(detectSteps(series, 'relative', { minEffect: 0.001 }).map((s) => s.index)).toEqual([6]);
  });

  it('percentages: 0.5 pp, or a tenth of the minority share, but not noise-sized moves', () => {
    expect(detectSteps([...flat(85.2, 5), ...flat(85.9, 5)], 'percent').map((s) => s.index)).toEqual([5]);
    expect(detectSteps([...flat(85.2, 5), ...flat(85.4, 5)], 'percent')).toEqual([]);
    // A miss rate going 0.82 % -> 0.70 %, and a hit rate 99.80 % -> 99.83 %.
    expect(detectSteps([...flat(0.82, 5), ...flat(0.7, 5)], 'percent').map((s) => s.index)).toEqual([5]);
    expect(detectSteps([...flat(99.8, 5), ...flat(99.834, 5)], 'percent').map((s) => s.index)).toEqual([5]);
    expect(detectSteps([...flat(99.99999, 5), ...flat(99.99998, 5)], 'percent')).toEqual([]);
  });

  it('reports indices of the input array, skipping gaps', () => {
    const values = [1000, null, 1000, 1000, null, 1100, 1100, null, 1100];
    expect(detectSteps(values, 'relative').map((s) => s.index)).toEqual([5]);
  });

  it('needs two points on each side', () => {
    expect(detectSteps([1000, 1000, 1000], 'relative')).toEqual([]);
    expect(detectSteps([1000, 1000, 1200, 1200], 'relative').map((s) => s.index)).toEqual([2]);
  });

  it('rarely raises a false alarm on noise alone (1 % lognormal, heavy use of the floor)', () => {
    const rand = seededRandom(11);
    let alarms = 0;
    for (let s = 0; s < 200; s++) {
      const series = Array.from({ length: 60 }, () => 1e9 * Math.exp(0.01 * normalDraw(rand)));
      alarms += detectSteps(series, 'relative').length;
    }
    expect(alarms).toBeLessThan(10);
  });

  it('finds steps in noise that E-Divisive also finds', () => {
    const rand = seededRandom(5);
    const series = Array.from({ length: 40 }, (_, i) => (i < 20 ? 100 : 108) * Math.exp(0.005 * normalDraw(rand)));
    expect(detectSteps(series, 'relative').map((s) => s.index)).toEqual([20]);
    expect(eDivisive(series).map((c) => c.index)).toContain(20);
  });
});

describe('E-Divisive baseline', () => {
  it('splits a clean two-level series where the level changes', () => {
    expect(eDivisive([0, 0, 0, 0, 5, 5, 5, 5]).map((c) => c.index)).toEqual([4]);
  });

  it('finds nothing in a constant series (every permutation ties)', () => {
    expect(eDivisive(flat(3, 12))).toEqual([]);
  });

  it('is deterministic for a seed and reports levels like detectSteps', () => {
    const rand = seededRandom(3);
    const series = Array.from({ length: 30 }, (_, i) => (i < 15 ? 10 : 20) + normalDraw(rand));
    const a = eDivisiveSteps(series);
    expect(eDivisiveSteps(series)).toEqual(a);
    expect(a.map((s) => s.index)).toContain(15);
    const s15 = a.find((s) => s.index === 15)!;
    expect(s15.before).toBeLessThan(12);
    expect(s15.after).toBeGreaterThan(18);
  });
});
