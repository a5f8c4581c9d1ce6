/**
 * The pair search of change detection (detect.ts): the best two splits of a segment, for
 * a short plateau (a level held for two runs between two others) that the best single
 * split misses, as circular binary segmentation finds them.
 */

/**
 * The splits k1 < k2 minimising the squared-error cost of the three parts, each >= m
 * points. Squared error (prefix sums, O(1) a pair) rather than L1 keeps this O(n^2) cheap
 * for 1,000-point series; one-off points are already set aside, and the robust test
 * decides afterwards.
 */
export function bestPair(z: readonly number[], a: number, b: number, m: number): [number, number] {
  const n = b - a;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  // Centre first so the sums of squares do not lose precision on large log levels.
  const c0 = z[a];
  for (let i = 0; i < n; i++) {
    const v = z[a + i] - c0;
    s1[i + 1] = s1[i] + v;
    s2[i + 1] = s2[i] + v * v;
  }
  const sse = (i: number, j: number) => s2[j] - s2[i] - ((s1[j] - s1[i]) ** 2) / (j - i);
  // Each candidate's cost of [j, n), made once rather than once per pair.
  const tail = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) tail[j] = sse(j, n);
  const cands = pairCandidates(z, a, b, m);
  let best: [number, number] = [a + m, a + 2 * m];
  let bestCost = Infinity;
  for (let x = 0; x < cands.length; x++) {
    const i = cands[x] - a;
    if (i > n - 2 * m) break;
    const left = sse(0, i);
    for (let y = x + 1; y < cands.length; y++) {
      const j = cands[y] - a;
      if (j - i < m) continue;
      if (j > n - m) break;
      const c = left + sse(i, j) + tail[j];
      if (c < bestCost) {
        bestCost = c;
        best = [a + i, a + j];
      }
    }
  }
  return best;
}

/** Long segments: only positions next to the largest first differences are tried as splits. */
const PAIR_FULL_SEARCH = 64;
const PAIR_CANDIDATES = 32;

/**
 * Split positions for the pair search, ascending. Up to PAIR_FULL_SEARCH points, all of
 * them; beyond, the positions of the PAIR_CANDIDATES largest first differences and their
 * neighbours: a level change of practical size shows as one of the larger differences,
 * and this keeps the search near-linear on 1,000-point series.
 */
function pairCandidates(z: readonly number[], a: number, b: number, m: number): number[] {
  const all: number[] = [];
  for (let k = a + m; k <= b - m; k++) all.push(k);
  if (b - a <= PAIR_FULL_SEARCH) return all;
  const top = [...all].sort((p, q) => Math.abs(z[q] - z[q - 1]) - Math.abs(z[p] - z[p - 1])).slice(0, PAIR_CANDIDATES);
  const picked = new Set<number>();
  for (const k of top) for (const d of [-1, 0, 1]) if (k + d >= a + m && k + d <= b - m) picked.add(k + d);
  return [...picked].sort((p, q) => p - q);
}
