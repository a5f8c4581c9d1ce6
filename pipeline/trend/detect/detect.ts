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
 *  0. Set aside one-off points: a run unlike both neighbours while they agree (another
 *     build or benchmark set for one commit). Next to a real step they would hide it.
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
 *     - size: at least `minEffect` (1 % for counts and rates; for percentages 0.5 pp, or
 *       10 % of the minority share min(p, 100 - p)), so real-but-tiny drifts of a
 *       deterministic counter stay quiet;
 *     - persistence: the two points next to the split on each side are nearer their own
 *       side's median than the other's, which rejects one-off points at the edge of a
 *       segment (alone, or two with a normal point between them).
 *     When the best single split fails, the best pair of splits is tried (a short
 *     plateau: a level held for two runs between two others, as circular binary
 *     segmentation finds them), kept when both of its steps pass.
 *  5. Re-estimate sigma without the differences that cross accepted steps, segment again,
 *     then drop steps that fail the test against their neighbouring steps' segments.
 *
 * Confidence is 1 - p of the final local test (1 when sigma is 0).
 */
import { medianOf, normalUpperTail, RunningL1 } from './stats.js';
import { bestPair } from './pair-search.js';

/** 'relative': steps measured as a ratio (counts, rates); 'percent': percentages, in percentage points. */
export type StepScale = 'relative' | 'percent';

export interface DetectOptions {
  minSegment: number;
  alpha: number;
  /** Smallest step reported: a fraction (0.01 = 1 %) for 'relative', percentage points for 'percent'. */
  minEffect: number;
  /**
   * Percentages only: a smaller step still counts when it moves the minority share,
   * min(p, 100 - p), by this fraction (0.1 = 10 %): a miss rate going 0.82 % -> 0.70 %
   * (or a hit rate 99.80 % -> 99.83 %) matters although it is far below 0.5 pp.
   */
  minShareChange: number;
  /** ... but never below this many percentage points (99.99999 % -> 99.99998 % is noise). */
  minShareAbs: number;
}

export const DEFAULT_DETECT: Record<StepScale, DetectOptions> = {
  relative: { minSegment: 2, alpha: 0.01, minEffect: 0.01, minShareChange: 0, minShareAbs: 0 },
  percent: { minSegment: 2, alpha: 0.01, minEffect: 0.5, minShareChange: 0.1, minShareAbs: 0.01 },
};

/** The practical-size floor of a step from level `before` to level `after`. */
export function bigEnough(before: number, after: number, scale: StepScale, opts: DetectOptions): boolean {
  const d = Math.abs(after - before);
  if (scale === 'relative') return before === 0 ? after !== 0 : d / Math.abs(before) >= opts.minEffect;
  if (d >= opts.minEffect) return true;
  const minority = Math.min(Math.abs(before), Math.abs(100 - before));
  return opts.minShareChange > 0 && d >= opts.minShareAbs && (minority === 0 || d / minority >= opts.minShareChange);
}

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
/** A one-off point lies more than this many noise sigmas from its neighbours. */
const ONE_OFF_SIGMAS = 5;

/** The series without its gaps: each value with its index in the full series. */
export function presentPoints(values: ArrayLike<number | null>): { at: number[]; y: number[] } {
  const at: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) {
      at.push(i);
      y.push(v);
    }
  }
  return { at, y };
}

/** `values`: by point, null (or NaN) where a point has no value. */
export function detectSteps(values: ArrayLike<number | null>, scale: StepScale, options: Partial<DetectOptions> = {}): Step[] {
  const opts = { ...DEFAULT_DETECT[scale], ...options };
  const { at, y } = presentPoints(values);
  // One-off points (a run unlike both its neighbours, which agree with each other) are
  // set aside first: they are not steps, and next to a real step they would hide it.
  const logScale = scale === 'relative' && y.every((v) => v > 0);
  const z0 = logScale ? y.map(Math.log) : y;
  const sigma0 = noiseScale(z0, []);
  const keep = y.map((_, i) => !isOneOff(y, i, scale, opts, sigma0, logScale));
  const kept = keep.every((k) => k);
  for (let i = y.length - 1; i >= 0; i--) {
    if (!keep[i]) {
      at.splice(i, 1);
      y.splice(i, 1);
    }
  }
  if (y.length < 2 * opts.minSegment) return [];
  const useLog = scale === 'relative' && y.every((v) => v > 0);
  // Nothing set aside (most series): the values, their logs and their noise are the first pass's.
  const same = kept && useLog === logScale;
  const z = same ? z0 : useLog ? y.map(Math.log) : y;
  const ctx: Context = { y, z, opts, scale, sigma: same ? sigma0 : noiseScale(z, []), splits: new Map(), pairs: new Map() };
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

/**
 * Point i is a one-off when its neighbours (the two nearest points, at an end) agree with
 * each other (their gap is under half the point's distance to either), and the point is a practical-size step and
 * more than 5 noise sigmas away from them. Two such points in a row are a short plateau, not one-offs, so a point whose
 * left neighbour is itself a one-off candidate is kept.
 */
export function isOneOff(
  y: readonly number[], i: number, scale: StepScale, opts: DetectOptions, sigma: number, logScale: boolean,
): boolean {
  if (y.length < 3) return false;
  // At an end, the two nearest points stand in for the neighbours: a first or last point
  // unlike both cannot start a level of its own (a level needs two points) anyway.
  const last = y.length - 1;
  const l = i === 0 ? y[2] : i === last ? y[i - 2] : y[i - 1];
  const v = y[i];
  const r = i === 0 ? y[1] : i === last ? y[i - 1] : y[i + 1];
  const near = Math.min(Math.abs(v - l), Math.abs(v - r));
  if (!(Math.abs(l - r) < near / 2)) return false;
  if (!bigEnough((l + r) / 2, v, scale, opts)) return false;
  // Far outside the noise too, or a noisy series would lose its own extremes.
  const away = logScale ? Math.log(v) - Math.log((l + r) / 2) : v - (l + r) / 2;
  if (Math.abs(away) <= ONE_OFF_SIGMAS * sigma) return false;
  // Same side of both neighbours, and not the second of two like points.
  if (Math.sign(v - l) !== Math.sign(v - r)) return false;
  return i < 2 || i === y.length - 1 || !isOneOffShape(y, i - 1);
}

function isOneOffShape(y: readonly number[], i: number): boolean {
  if (i === 0 || i === y.length - 1) return false;
  const l = y[i - 1];
  const v = y[i];
  const r = y[i + 1];
  return Math.abs(l - r) < Math.min(Math.abs(v - l), Math.abs(v - r)) / 2 && Math.sign(v - l) === Math.sign(v - r);
}

interface Context {
  y: number[];
  z: number[];
  opts: DetectOptions;
  scale: StepScale;
  sigma: number;
  /**
   * The best split and pair of each segment searched, by a * (n + 1) + b: they depend on the
   * values only, not on sigma, so the second segmentation (with sigma re-estimated) finds
   * most of them made.
   */
  splits: Map<number, number>;
  pairs: Map<number, [number, number]>;
}

let diffScratch = new Float64Array(128);

/** Robust noise scale from first differences, leaving out those that cross a cut. */
export function noiseScale(z: readonly number[], cuts: readonly number[]): number {
  if (z.length > diffScratch.length) diffScratch = new Float64Array(2 * z.length);
  const diffs = diffScratch;
  let n = 0;
  for (let i = 1; i < z.length; i++) if (!cuts.includes(i)) diffs[n++] = Math.abs(z[i] - z[i - 1]);
  if (n === 0) return 0;
  return (MAD_TO_SIGMA * medianOf(diffs, 0, n)) / Math.SQRT2;
}

/** The accepted splits of [a, b), appended to `out` in order. */
function segment(ctx: Context, a: number, b: number, out: number[] = []): number[] {
  const m = ctx.opts.minSegment;
  if (b - a < 2 * m || !mayHoldStep(ctx, a, b)) return out;
  const at = a * (ctx.z.length + 1) + b;
  let k = ctx.splits.get(at);
  if (k === undefined) ctx.splits.set(at, (k = bestSplit(ctx.z, a, b, m)));
  if (test(ctx, a, k, b).accepted) {
    segment(ctx, a, k, out);
    out.push(k);
    return segment(ctx, k, b, out);
  }
  // One split can miss a short plateau (up for two runs, then back): its best single
  // split leaves both levels on one side. Try the best pair of splits, as circular
  // binary segmentation does, and keep it when both of its steps pass.
  if (b - a < 3 * m) return out;
  let pair = ctx.pairs.get(at);
  if (pair === undefined) ctx.pairs.set(at, (pair = bestPair(ctx.z, a, b, m)));
  const [k1, k2] = pair;
  if (!test(ctx, a, k1, k2).accepted || !test(ctx, k1, k2, b).accepted) return out;
  segment(ctx, a, k1, out);
  out.push(k1);
  segment(ctx, k1, k2, out);
  out.push(k2);
  return segment(ctx, k2, b, out);
}

/**
 * False when no step of practical size can lie in [a, b): every level is a median of
 * some of its values, so two levels differ by at most max - min, and the floor is most
 * permissive at an end of that range. Saves the split searches on flat stretches.
 */
function mayHoldStep(ctx: Context, a: number, b: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = a; i < b; i++) {
    lo = Math.min(lo, ctx.y[i]);
    hi = Math.max(hi, ctx.y[i]);
  }
  return bigEnough(lo, hi, ctx.scale, ctx.opts) || bigEnough(hi, lo, ctx.scale, ctx.opts);
}

/** The split k in [a+m, b-m] minimising the L1 cost of both sides. */
function bestSplit(z: readonly number[], a: number, b: number, m: number): number {
  const { left, right } = sideCosts(z, a, b);
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

/** Reused by every scan: the two running costs and their outputs (grown when a segment is longer). */
const running = new RunningL1();
let leftCosts = new Float64Array(128);
let rightCosts = new Float64Array(128);

/** Summed L1 cost of [a, i) for i = a..b (prefix) and of [i, b) (suffix), indexed by i - a. */
function sideCosts(z: readonly number[], a: number, b: number): { left: Float64Array; right: Float64Array } {
  if (b - a + 1 > leftCosts.length) {
    leftCosts = new Float64Array(2 * (b - a + 1));
    rightCosts = new Float64Array(2 * (b - a + 1));
  }
  const left = leftCosts;
  const right = rightCosts;
  left[0] = 0;
  right[b - a] = 0;
  running.clear();
  for (let i = a; i < b; i++) {
    running.add(z[i]);
    left[i + 1 - a] = running.cost();
  }
  running.clear();
  for (let i = b - 1; i >= a; i--) {
    running.add(z[i]);
    right[i - a] = running.cost();
  }
  return { left, right };
}

interface TestResult {
  accepted: boolean;
  p: number;
  before: number;
  after: number;
}

function test(ctx: Context, a: number, k: number, b: number): TestResult {
  const { y, z, opts } = ctx;
  const ml = medianOf(z, a, k);
  const mr = medianOf(z, k, b);
  const before = medianOf(y, a, k);
  const after = medianOf(y, k, b);
  const d = Math.abs(mr - ml);
  const se = ctx.sigma * MEDIAN_EFFICIENCY * Math.sqrt(1 / (k - a) + 1 / (b - k));
  const zstat = se > 0 ? d / se : d > 0 ? Infinity : 0;
  const candidates = b - a - 2 * opts.minSegment + 1;
  const p = Math.min(1, 2 * candidates * normalUpperTail(zstat));
  const effect = bigEnough(before, after, ctx.scale, opts);
  const accepted = p <= opts.alpha && effect && persistent(z, Math.max(a, k - 2), k, ml, mr) && persistent(z, k, Math.min(b, k + 2), mr, ml);
  return { accepted, p, before, after };
}

/**
 * The two points next to the split, on each side (z[from..to)), both lie nearer their own side's median
 * than the other side's: the new level is held from its first point on. A lone outlier at
 * the edge of a segment fails this, and so do two one-off points with a normal one between
 * them; a short plateau (a level held for two runs, then another change) passes.
 */
function persistent(z: readonly number[], from: number, to: number, own: number, other: number): boolean {
  for (let i = from; i < to; i++) if (!(Math.abs(z[i] - own) < Math.abs(z[i] - other))) return false;
  return true;
}

/** Re-tests each step between its neighbours; drops the weakest failure until none fail. */
function prune(ctx: Context, cuts: number[]): Array<{ k: number; test: TestResult }> {
  let ks = [...cuts].sort((p, q) => p - q);
  for (;;) {
    const tested = ks.map((k, i) => ({ k, test: test(ctx, i === 0 ? 0 : ks[i - 1], k, i === ks.length - 1 ? ctx.z.length : ks[i + 1]) }));
    const failed = tested.filter((t) => !t.test.accepted);
    if (failed.length === 0) return tested;
    // Weakest: least significant, then smallest relative move.
    const move = (t: { test: TestResult }) => Math.abs(t.test.after - t.test.before) / (Math.abs(t.test.before) || 1);
    const weakest = failed.reduce((w, t) => (t.test.p > w.test.p || (t.test.p === w.test.p && move(t) < move(w)) ? t : w));
    ks = ks.filter((k) => k !== weakest.k);
  }
}
