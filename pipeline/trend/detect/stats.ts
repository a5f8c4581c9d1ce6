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

/** Binary heap keyed by a comparator; the running-median cost needs two of them. */
class Heap {
  private readonly items: number[] = [];

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  top(): number {
    return this.items[0];
  }

  push(x: number): void {
    const h = this.items;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  pop(): number {
    const h = this.items;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Sum of absolute deviations from the median of a growing sample, in O(log n) per added
 * value (two heaps with their sums). Lets change detection scan every split of a segment
 * in O(n log n) instead of sorting each side again.
 */
export class RunningL1 {
  private readonly low = new Heap((a, b) => a > b);
  private readonly high = new Heap((a, b) => a < b);
  private sumLow = 0;
  private sumHigh = 0;

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
