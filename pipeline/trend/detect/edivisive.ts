/**
 * The baseline: E-Divisive with means (Matteson & James 2014), as MongoDB's
 * signal-processing-algorithms implements it (the detector behind MongoDB's and
 * Netflix's performance CI; Apache Otava, formerly Hunter, runs the same divisive
 * search and swaps the permutation test for a t-test).
 *
 *  - distances d(i, j) = |x_i - x_j| (alpha = 1);
 *  - for every window between known change points and every split tau of it,
 *    q(tau) = n m / (n + m) * (2/(n m) sum_xy d - 2/n^2 sum_{i<j<tau} d - 2/m^2 sum_{tau<=i<j} d);
 *  - the split with the largest q over all windows is the candidate; a permutation
 *    test (shuffle within each window, take the largest q again) gives
 *    p = #(permuted >= observed) / (permutations + 1); keep it while p <= pvalue.
 * Defaults as in that library: pvalue 0.05, 100 permutations. The permutations use a
 * seeded generator so results repeat.
 */
import { median, seededRandom } from './stats.js';
import { presentPoints, type Step } from './detect.js';

export interface EDivisiveOptions {
  pvalue: number;
  permutations: number;
  seed: number;
}

export const DEFAULT_EDIVISIVE: EDivisiveOptions = { pvalue: 0.05, permutations: 100, seed: 1 };

/** Change point indices (first index of each new segment), in the order found. */
export function eDivisive(series: readonly number[], options: Partial<EDivisiveOptions> = {}): Array<{ index: number; p: number }> {
  const opts = { ...DEFAULT_EDIVISIVE, ...options };
  const n = series.length;
  if (n < 3) return [];
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = Math.abs(series[i] - series[j]);
  const rand = seededRandom(opts.seed);
  const found: Array<{ index: number; p: number }> = [];
  const memo = new Map<string, { index: number; q: number }>();
  for (;;) {
    const windows = bounds(found.map((f) => f.index), n);
    let best = { index: -1, q: -Infinity };
    for (const [a, b] of windows) {
      const key = `${a}:${b}`;
      let c = memo.get(key);
      if (!c) {
        const order = range(a, b);
        const q = qValues(d, n, order);
        let arg = 0;
        for (let t = 1; t < q.length; t++) if (q[t] > q[arg]) arg = t;
        c = { index: a + arg, q: q[arg] };
        memo.set(key, c);
      }
      if (c.q > best.q) best = c;
    }
    let better = 0;
    for (let r = 0; r < opts.permutations; r++) {
      let permutedBest = -Infinity;
      for (const [a, b] of windows) {
        const order = shuffle(range(a, b), rand);
        const q = qValues(d, n, order);
        for (const v of q) if (v > permutedBest) permutedBest = v;
      }
      if (permutedBest >= best.q) better++;
    }
    const p = better / (opts.permutations + 1);
    // The reference loop also ends on a change point at index 0 (a falsy Python int).
    if (p > opts.pvalue || best.index <= 0) return found;
    found.push({ index: best.index, p });
  }
}

/** q(tau) for tau = 0 .. len-1 over the points `order` (indices into the distance matrix). */
function qValues(d: Float64Array, n: number, order: readonly number[]): Float64Array {
  const len = order.length;
  const out = new Float64Array(len);
  let xy = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < len; i++) for (let j = i; j < len; j++) y += d[order[i] * n + order[j]];
  for (let tau = 0; tau < len; tau++) {
    const nx = tau;
    const ny = len - tau;
    const xyAvg = nx > 0 && ny > 0 ? xy / (nx * ny) : 0;
    const xAvg = nx > 0 ? (2 * x) / (nx * nx) : 0;
    const yAvg = ny > 0 ? (2 * y) / (ny * ny) : 0;
    out[tau] = ((nx * ny) / (nx + ny)) * (2 * xyAvg - xAvg - yAvg);
    let column = 0;
    for (let i = 0; i < tau; i++) column += d[order[i] * n + order[tau]];
    let row = 0;
    for (let j = tau; j < len; j++) row += d[order[tau] * n + order[j]];
    xy = xy - column + row;
    x += column;
    y -= row;
  }
  return out;
}

function bounds(cuts: readonly number[], n: number): Array<[number, number]> {
  const s = [0, ...[...cuts].sort((a, b) => a - b), n];
  const out: Array<[number, number]> = [];
  for (let i = 1; i < s.length; i++) out.push([s[i - 1], s[i]]);
  return out;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * E-Divisive on a series with gaps, reported like detectSteps: levels are the medians of
 * the segments on each side, confidence 1 - p.
 */
export function eDivisiveSteps(values: readonly (number | null)[], options: Partial<EDivisiveOptions> = {}): Step[] {
  const { at, y } = presentPoints(values);
  const found = eDivisive(y, options);
  const cuts = found.map((f) => f.index).sort((a, b) => a - b);
  return cuts.map((k, i) => {
    const before = median(y.slice(i === 0 ? 0 : cuts[i - 1], k));
    const after = median(y.slice(k, i === cuts.length - 1 ? y.length : cuts[i + 1]));
    return {
      index: at[k], before, after, size: after - before,
      relative: before !== 0 ? (after - before) / Math.abs(before) : null,
      confidence: 1 - found.find((f) => f.index === k)!.p,
    };
  });
}
