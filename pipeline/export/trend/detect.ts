/**
 * Change detection for pystats series: robust binary segmentation with a noise floor.
 *
 * Why not a general-purpose detector: pystats counters are nearly deterministic for a
 * given commit and workload, so between real changes consecutive points differ by a
 * hair (0.01 % on the aggregated series, exactly 0 on single benchmarks), while the
 * steps people care about are percent-sized. The hard cases are not noise but
 * one-off points (a run with another build, a different benchmark set) that must not
 * read as steps, and very short series (8-15 points) where permutation tests have
 * little power. The method:
 *
 *  1. Work on ln(value) for counts and rates (steps are multiplicative), on the value
 *     itself for percentages (steps are in percentage points).
 *  2. Noise scale sigma from the median absolute first difference (x 1.4826 / sqrt 2):
 *     robust to the few differences that straddle a step or an outlier, and 0 for a
 *     deterministic series.
 *  3. Binary segmentation: in a segment, the split that minimises the summed absolute
 *     deviation from each side's median (an L1 fit, so one-off points barely pull it);
 *     each side at least `minSegment` points.
 *  4. A split is a step when all three hold:
 *     - significance: z = |median right - median left| / (1.2533 sigma sqrt(1/nL + 1/nR)),
 *       Bonferroni over the candidate splits: p = min(1, 2 C P(Z > z)) <= alpha;
 *     - size: at least `minEffect` (relative for counts, percentage points for
 *       percentages), so real-but-tiny drifts of a deterministic counter stay quiet;
 *     - persistence: at least 2/3 of the points on each side are nearer their own
 *       side's median than the other's, which rejects a lone outlier next to the edge.
 *  5. Re-estimate sigma without the differences that cross accepted steps, segment again,
 *     then drop steps that fail the test against their neighbouring steps' segments.
 *
 * Confidence is 1 - p of the final local test (1 when sigma is 0).
 */
import { median, normalUpperTail, RunningL1 } from './stats.js';

/** 'relative': steps measured as a ratio (counts, rates); 'absolute': in the value's units (percent). */
export type StepScale = 'relative' | 'absolute';

export interface DetectOptions {
  minSegment: number;
  alpha: number;
  /** Smallest step reported: a fraction (0.01 = 1 %) for 'relative', units (pp) for 'absolute'. */
  minEffect: number;
}

export const DEFAULT_DETECT: Record<StepScale, DetectOptions> = {
  relative: { minSegment: 2, alpha: 0.01, minEffect: 0.01 },
  absolute: { minSegment: 2, alpha: 0.01, minEffect: 0.5 },
};

export interface Step {
  /** Index into the input array of the first point at the new level. */
  index: number;
  /** Levels: medians of the segments before and after, in the value's units. */
  before: number;
  after: number;
  /** after - before */
  size: number;
  /** (after - before) / |before|; null when before is 0. */
  relative: number | null;
  /** 1 - p-value. */
  confidence: number;
}

/** The median's standard error relative to the mean's for normal noise (sqrt(pi/2)). */
const MEDIAN_EFFICIENCY = 1.2533;
const MAD_TO_SIGMA = 1.4826;

export function detectSteps(values: readonly (number | null)[], scale: StepScale, options: Partial<DetectOptions> = {}): Step[] {
  const opts = { ...DEFAULT_DETECT[scale], ...options };
  const at: number[] = [];
  const y: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) {
      at.push(i);
      y.push(v);
    }
  });
  if (y.length < 2 * opts.minSegment) return [];
  const useLog = scale === 'relative' && y.every((v) => v > 0);
  const z = useLog ? y.map(Math.log) : y;
  const ctx: Context = { y, z, opts, scale, sigma: noiseScale(z, []) };
  let cuts = segment(ctx, 0, z.length);
  const sigma2 = noiseScale(z, cuts);
  if (sigma2 !== ctx.sigma) {
    ctx.sigma = sigma2;
    cuts = segment(ctx, 0, z.length);
  }
  const tested = prune(ctx, cuts);
  return tested.map(({ k, test }) => ({
    index: at[k],
    before: test.before,
    after: test.after,
    size: test.after - test.before,
    relative: test.before !== 0 ? (test.after - test.before) / Math.abs(test.before) : null,
    confidence: 1 - test.p,
  }));
}

interface Context {
  y: number[];
  z: number[];
  opts: DetectOptions;
  scale: StepScale;
  sigma: number;
}

/** Robust noise scale from first differences, leaving out those that cross a cut. */
export function noiseScale(z: readonly number[], cuts: readonly number[]): number {
  const crossing = new Set(cuts);
  const diffs: number[] = [];
  for (let i = 1; i < z.length; i++) if (!crossing.has(i)) diffs.push(Math.abs(z[i] - z[i - 1]));
  if (diffs.length === 0) return 0;
  return (MAD_TO_SIGMA * median(diffs)) / Math.SQRT2;
}

function segment(ctx: Context, a: number, b: number): number[] {
  const m = ctx.opts.minSegment;
  if (b - a < 2 * m) return [];
  const k = bestSplit(ctx.z, a, b, m);
  if (!test(ctx, a, k, b).accepted) return [];
  return [...segment(ctx, a, k), k, ...segment(ctx, k, b)];
}

/** The split k in [a+m, b-m] minimising the L1 cost of both sides. */
function bestSplit(z: readonly number[], a: number, b: number, m: number): number {
  const left = new Array<number>(b - a + 1).fill(0);
  const right = new Array<number>(b - a + 1).fill(0);
  const l = new RunningL1();
  for (let i = a; i < b; i++) {
    l.add(z[i]);
    left[i + 1 - a] = l.cost();
  }
  const r = new RunningL1();
  for (let i = b - 1; i >= a; i--) {
    r.add(z[i]);
    right[i - a] = r.cost();
  }
  let best = a + m;
  let bestCost = Infinity;
  for (let k = a + m; k <= b - m; k++) {
    const c = left[k - a] + right[k - a];
    if (c < bestCost) {
      bestCost = c;
      best = k;
    }
  }
  return best;
}

interface TestResult {
  accepted: boolean;
  p: number;
  before: number;
  after: number;
}

function test(ctx: Context, a: number, k: number, b: number): TestResult {
  const { y, z, opts } = ctx;
  const zl = z.slice(a, k);
  const zr = z.slice(k, b);
  const ml = median(zl);
  const mr = median(zr);
  const before = median(y.slice(a, k));
  const after = median(y.slice(k, b));
  const d = Math.abs(mr - ml);
  const se = ctx.sigma * MEDIAN_EFFICIENCY * Math.sqrt(1 / zl.length + 1 / zr.length);
  const zstat = se > 0 ? d / se : d > 0 ? Infinity : 0;
  const candidates = b - a - 2 * opts.minSegment + 1;
  const p = Math.min(1, 2 * candidates * normalUpperTail(zstat));
  const effect = ctx.scale === 'relative'
    ? (before === 0 ? after !== 0 : Math.abs(after - before) / Math.abs(before) >= opts.minEffect)
    : Math.abs(after - before) >= opts.minEffect;
  const accepted = p <= opts.alpha && effect && persistent(zl, ml, mr) && persistent(zr, mr, ml);
  return { accepted, p, before, after };
}

/** At least 2/3 of a side's points lie nearer its own median than the other side's. */
function persistent(side: readonly number[], own: number, other: number): boolean {
  const near = side.filter((v) => Math.abs(v - own) < Math.abs(v - other)).length;
  return near * 3 >= side.length * 2;
}

/** Re-tests each step between its neighbours; drops the weakest failure until none fail. */
function prune(ctx: Context, cuts: number[]): Array<{ k: number; test: TestResult }> {
  let ks = [...cuts].sort((p, q) => p - q);
  for (;;) {
    const tested = ks.map((k, i) => ({ k, test: test(ctx, i === 0 ? 0 : ks[i - 1], k, i === ks.length - 1 ? ctx.z.length : ks[i + 1]) }));
    const failed = tested.filter((t) => !t.test.accepted);
    if (failed.length === 0) return tested;
    const weakest = failed.reduce((w, t) => (t.test.p > w.test.p ? t : w));
    ks = ks.filter((k) => k !== weakest.k);
  }
}
