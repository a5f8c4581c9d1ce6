/**
 * Synthetic pystats-like series with known steps, for `make eval-trends`.
 *
 * The noise is modelled on the published series (test/fixtures/published):
 *  - counters and rates: multiplicative noise. Between real changes, the aggregated main
 *    series moves by 0.003-0.1 % per commit, a single benchmark is deterministic to 7
 *    digits, per-process values spread by about a percent; hence sigma in
 *    {0, 0.02 %, 0.2 %, 1 %}.
 *  - percentages: additive noise of sigma in {0, 0.01, 0.05, 0.3} pp, at levels from
 *    near 0 (miss rates, 0.3-3 %) to near 100 (hit rates).
 *  - heavy tails: a third of the series draw Student-t(3) noise instead of normal.
 *  - one-off points: each point, with probability 0.05, is a run from another build or
 *    benchmark set: 3-25 % off for counters, 1-6 pp (or 20-60 % of a small share) for
 *    percentages. They are isolated (never two in a row, which would be a two-run
 *    plateau, i.e. two steps) and are not steps.
 *  - slow drift: a third of the series drift linearly by up to 0.4 % (0.2 pp) overall,
 *    below the practical size of a step.
 *  - steps: 0-3 (fewer for short series), each level held >= 3 points, sizes 2-30 %
 *    (counters, rates) or 0.75-8 pp (percentages; 15-60 % of a small share), random sign.
 * Lengths 8, 15, 30, 60, 120. Everything is drawn from a seeded generator.
 */
import { normalDraw, seededRandom } from '../pipeline/trend/detect/stats.js';
import type { StepScale } from '../pipeline/trend/detect/detect.js';

export type SyntheticKind = 'counter' | 'rate' | 'percent' | 'small-percent';
export type NoiseLevel = 'none' | 'low' | 'medium' | 'high';

export interface SyntheticSeries {
  id: string;
  kind: SyntheticKind;
  noise: NoiseLevel;
  heavyTails: boolean;
  n: number;
  values: number[];
  /** Indices of the first point of each new level. */
  steps: number[];
  /** Indices of one-off points. */
  outliers: number[];
  scale: StepScale;
}

const LENGTHS = [8, 15, 30, 60, 120];
const NOISE: NoiseLevel[] = ['none', 'low', 'medium', 'high'];
const REL_SIGMA: Record<NoiseLevel, number> = { none: 0, low: 0.0002, medium: 0.002, high: 0.01 };
const PP_SIGMA: Record<NoiseLevel, number> = { none: 0, low: 0.01, medium: 0.05, high: 0.3 };
const KINDS: SyntheticKind[] = ['counter', 'rate', 'percent', 'small-percent'];

export function syntheticSeries(count: number, seed: number): SyntheticSeries[] {
  const rand = seededRandom(seed);
  const u = (a: number, b: number) => a + (b - a) * rand();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: SyntheticSeries[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const noise = NOISE[Math.floor(i / KINDS.length) % NOISE.length];
    const n = pick(LENGTHS);
    const heavyTails = rand() < 1 / 3;
    const draw = () => (heavyTails ? studentT3(rand) : normalDraw(rand));
    const steps = placeSteps(n, n >= 30 ? 3 : n >= 15 ? 2 : 1, rand);
    const percent = kind === 'percent' || kind === 'small-percent';

    // Levels, one per segment.
    const levels: number[] = [];
    let level = kind === 'counter' ? 10 ** u(6, 11) : kind === 'rate' ? u(5, 150) : kind === 'percent' ? u(5, 95) : u(0.3, 3);
    levels.push(level);
    for (let s = 0; s < steps.length; s++) {
      const sign = rand() < 0.5 ? -1 : 1;
      if (kind === 'counter' || kind === 'rate') level *= 1 + sign * Math.exp(u(Math.log(0.02), Math.log(0.3)));
      else if (kind === 'percent') {
        const d = u(0.75, 8);
        level = level + sign * d > 99.5 || level + sign * d < 0.5 ? level - sign * d : level + sign * d;
      } else level *= 1 + sign * u(0.15, 0.6);
      levels.push(level);
    }
    const drift = rand() < 1 / 3 ? (rand() < 0.5 ? -1 : 1) * u(0, percent ? 0.2 : 0.004) : 0;
    const outliers: number[] = [];
    const values: number[] = [];
    let seg = 0;
    for (let t = 0; t < n; t++) {
      if (seg < steps.length && t === steps[seg]) seg++;
      const trend = (drift * t) / Math.max(1, n - 1);
      let v: number;
      if (percent) {
        const base = kind === 'percent' ? levels[seg] + trend : levels[seg] * (1 + trend / 10);
        v = base + PP_SIGMA[noise] * (kind === 'percent' ? 1 : 0.2) * draw();
      } else {
        v = levels[seg] * (1 + trend) * Math.exp(REL_SIGMA[noise] * draw());
      }
      // One-off points are isolated: two in a row at the same level would be a short
      // plateau, which is a step by definition (a level held for two runs).
      if (rand() < 0.05 && outliers.at(-1) !== t - 1) {
        outliers.push(t);
        const sign = rand() < 0.5 ? -1 : 1;
        if (kind === 'percent') v += sign * u(1, 6);
        else if (kind === 'small-percent') v *= 1 + sign * u(0.2, 0.6);
        else v *= 1 + sign * u(0.03, 0.25);
      }
      if (kind === 'counter') v = Math.round(v);
      if (percent) v = Math.min(100, Math.max(0, v));
      values.push(v);
    }
    out.push({
      id: `syn-${i}`, kind, noise, heavyTails, n, values, steps, outliers,
      scale: percent ? 'percent' : 'relative',
    });
  }
  return out;
}

/** Up to `max` step positions, every level (including the first and last) >= 3 points. */
function placeSteps(n: number, max: number, rand: () => number): number[] {
  const k = Math.floor(rand() * (max + 1));
  for (let attempt = 0; attempt < 50; attempt++) {
    const pos = Array.from({ length: k }, () => 3 + Math.floor(rand() * (n - 5))).sort((a, b) => a - b);
    const bounds = [0, ...pos, n];
    if (bounds.every((b, i) => i === 0 || b - bounds[i - 1] >= 3)) return pos;
  }
  return [];
}

/** Student t with 3 degrees of freedom, scaled to unit variance. */
function studentT3(rand: () => number): number {
  const z = normalDraw(rand);
  let chi = 0;
  for (let i = 0; i < 3; i++) chi += normalDraw(rand) ** 2;
  return z / Math.sqrt(chi / 3) / Math.sqrt(3);
}
