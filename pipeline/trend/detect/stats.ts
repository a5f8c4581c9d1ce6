/** Small numeric helpers for change detection: medians, the normal tail, a seeded RNG. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Upper tail of the standard normal, P(Z > z), from erfc with the Numerical Recipes
 * Chebyshev fit (relative error < 1.2e-7 everywhere), good enough for p-values of
 * change points without underflowing to 0 too early.
 */
export function normalUpperTail(z: number): number {
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
    t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** mulberry32: a tiny deterministic PRNG, so permutation tests and synthetic data repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller) from a uniform source. */
export function normalDraw(rand: () => number): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * Binary heap of doubles in a Float64Array, largest first (max) or smallest first: the
 * running-median cost needs two of them, over and over on every segment of every series,
 * so they are typed and reused rather than arrays of boxed numbers behind a comparator.
 */
class Heap {
  private items = new Float64Array(64);
  size = 0;

  constructor(private readonly max: boolean) {}

  clear(): void {
    this.size = 0;
  }

  top(): number {
    return this.items[0];
  }

  private before(a: number, b: number): boolean {
    return this.max ? a > b : a < b;
  }

  push(x: number): void {
    if (this.size === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const h = this.items;
    let i = this.size++;
    h[i] = x;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      const t = h[i];
      h[i] = h[p];
      h[p] = t;
      i = p;
    }
  }

  pop(): number {
    const h = this.items;
    const top = h[0];
    const n = --this.size;
    if (n > 0) {
      h[0] = h[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && this.before(h[l], h[m])) m = l;
        if (r < n && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        const t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
      }
    }
    return top;
  }
}

/**
 * Sum of absolute deviations from the median of a growing sample, in O(log n) per added
 * value (two heaps with their sums). Lets change detection scan every split of a segment
 * in O(n log n) instead of sorting each side again. `clear` empties it for the next scan.
 */
export class RunningL1 {
  private readonly low = new Heap(true);
  private readonly high = new Heap(false);
  private sumLow = 0;
  private sumHigh = 0;

  clear(): void {
    this.low.clear();
    this.high.clear();
    this.sumLow = 0;
    this.sumHigh = 0;
  }

  add(x: number): void {
    if (this.low.size === 0 || x <= this.low.top()) {
      this.low.push(x);
      this.sumLow += x;
    } else {
      this.high.push(x);
      this.sumHigh += x;
    }
    if (this.low.size > this.high.size + 1) {
      const v = this.low.pop();
      this.sumLow -= v;
      this.high.push(v);
      this.sumHigh += v;
    } else if (this.high.size > this.low.size) {
      const v = this.high.pop();
      this.sumHigh -= v;
      this.low.push(v);
      this.sumLow += v;
    }
  }

  cost(): number {
    if (this.low.size === 0) return 0;
    const m = this.low.top();
    return m * this.low.size - this.sumLow + this.sumHigh - m * this.high.size;
  }
}

let scratch = new Float64Array(256);

/**
 * median(xs.slice(from, to)) without the slice and the boxed sort, on a typed copy:
 * sorted by insertion when short (stable, as Array sort is, so even the sign of a zero
 * median is median's), else the middle order statistics found by selection (O(n)). The
 * selection does not tell -0 from 0 apart where Array sort keeps input order: a zero
 * median from it is taken again the slow way, so the result is always median's.
 */
export function medianOf(xs: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  if (n <= 0) return NaN;
  if (n > scratch.length) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  const s = scratch;
  const mid = n >> 1;
  if (n <= INSERTION_SORT_MAX) {
    for (let i = 0; i < n; i++) {
      const v = xs[from + i];
      let j = i - 1;
      while (j >= 0 && s[j] > v) {
        s[j + 1] = s[j];
        j--;
      }
      s[j + 1] = v;
    }
    return n % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }
  for (let i = 0; i < n; i++) s[i] = xs[from + i];
  const hi = select(s, n, mid);
  let m = hi;
  if (n % 2 === 0) {
    // The next smaller order statistic is the largest of the part left of mid.
    let lo = s[0];
    for (let i = 1; i < mid; i++) if (s[i] > lo) lo = s[i];
    m = (lo + hi) / 2;
  }
  return m === 0 ? median(Array.prototype.slice.call(xs, from, to) as number[]) : m;
}

const INSERTION_SORT_MAX = 24;

/**
 * Hoare's selection on s[0, n): the k-th smallest ends at s[k], every value before it
 * no larger, every value after it no smaller. Values are finite (NaN never reaches it).
 */
function select(s: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as the pivot: sorted or nearly sorted input stays linear.
    const m = (lo + hi) >> 1;
    if (s[m] < s[lo]) swap(s, m, lo);
    if (s[hi] < s[lo]) swap(s, hi, lo);
    if (s[hi] < s[m]) swap(s, hi, m);
    const pivot = s[m];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (s[i] < pivot) i++;
      while (s[j] > pivot) j--;
      if (i <= j) {
        swap(s, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return s[k];
}

function swap(s: Float64Array, i: number, j: number): void {
  const t = s[i];
  s[i] = s[j];
  s[j] = t;
}
