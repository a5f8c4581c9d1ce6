/**
 * Python's orderings and small builtins as summarize_stats.py relies on them: str sorted by
 * code point, stable `sorted(..., reverse=True)`, `Counter.most_common`, `sum`, and the
 * script's `pretty()`. Shared by the 3.13+ and the 3.12 layouts.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Python's str ordering, by code point. JS `<` compares UTF-16 units, which agrees except
 * when a surrogate pair meets a character above U+D7FF, so only that case takes the slow path.
 */
export function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i].codePointAt(0) as number;
    const y = cb[i].codePointAt(0) as number;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

/**
 * Sorts `items` in place by the code points of `key(item)`, as Python's sorted() orders
 * str. Whether any key holds a surrogate is asked once, not in every comparison: sorting
 * a run's 2,000 keys compared them 25,000 times, each with two regular-expression tests.
 */
export function sortByCodePoints<T>(items: T[], key: (item: T) => string): T[] {
  const byUnits = !items.some((item) => SURROGATE.test(key(item)));
  return items.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    return byUnits ? (a < b ? -1 : a > b ? 1 : 0) : compareCodePoints(a, b);
  });
}

/** Descending by a bigint, stable (Python `sorted(..., reverse=True)` keeps ties in order). */
export function sortDescendingBy<T>(items: readonly T[], key: (item: T) => bigint): T[] {
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka === kb ? 0 : ka < kb ? 1 : -1;
  });
}


/** `Counter.most_common(n)`: largest counts first, ties in insertion order. */
export function mostCommon<K>(counter: ReadonlyMap<K, bigint>, n: number): Array<[K, bigint]> {
  return sortDescendingBy([...counter], ([, count]) => count).slice(0, n);
}

export function sum(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** `pretty()`: SPEC_FAIL / EVAL_CALL names as words. */
export function pretty(name: string): string {
  return name.replaceAll('_', ' ').toLowerCase();
}
