/**
 * A metric's values by part and point id, in columns (typed arrays) rather than one
 * object per value: a site holds about a million of them (26 metrics × 20,000 points ×
 * their parts), and made as objects, then copied into the series' points, they cost more
 * in garbage collection than anything done with them (issue 19).
 *
 * A point's value in a part is what queryMetric gave for it (PointValue), or nothing when
 * it gave none; the first value given for a point and part is kept, as a search of the
 * point's values finds it.
 */
import type { PointValue } from './metrics/trend-query.js';

/** Per point and part: a value was given; it is present; its value is a number; it has an exact sum. */
export const GIVEN = 1;
export const PRESENT = 2;
export const HAS_VALUE = 4;
export const HAS_EXACT = 8;

/** One part's columns, indexed by point id. */
export class PartColumns {
  readonly flags: Uint8Array;
  readonly value: Float64Array;
  readonly units: Float64Array;
  readonly exact: Array<bigint | null>;
  /** The spread of file mode (min, median, max), made when a point has one. */
  spread: { min: Array<number | null>; median: Array<number | null>; max: Array<number | null> } | null = null;

  constructor(size: number) {
    this.flags = new Uint8Array(size);
    this.value = new Float64Array(size);
    this.units = new Float64Array(size);
    this.exact = new Array<bigint | null>(size).fill(null);
  }

  get size(): number {
    return this.flags.length;
  }

  /** Sets a point's value unless one is set: `value` null for none, spread null in run mode. */
  set(
    pointId: number, present: boolean, value: number | null, exact: bigint | null, units: number,
    spread: { min: number | null; median: number | null; max: number | null } | null = null,
  ): void {
    if (this.flags[pointId] !== 0) return;
    this.flags[pointId] = GIVEN | (present ? PRESENT : 0) | (value !== null ? HAS_VALUE : 0) | (exact !== null ? HAS_EXACT : 0);
    if (value !== null) this.value[pointId] = value;
    this.exact[pointId] = exact;
    this.units[pointId] = units;
    if (spread && (spread.min !== null || spread.median !== null || spread.max !== null)) {
      const n = this.size;
      this.spread ??= { min: new Array(n).fill(null), median: new Array(n).fill(null), max: new Array(n).fill(null) };
      this.spread.min[pointId] = spread.min;
      this.spread.median[pointId] = spread.median;
      this.spread.max[pointId] = spread.max;
    }
  }

  /** Does any point have a value (present or not, as a PointValue's value)? */
  anyValue(pointIds: readonly number[]): boolean {
    for (const id of pointIds) if ((this.flags[id] & (PRESENT | HAS_VALUE)) === (PRESENT | HAS_VALUE)) return true;
    return false;
  }
}

export class ValueTable {
  private readonly columns = new Map<string, PartColumns>();

  /** `size`: one more than the largest point id. */
  constructor(readonly size: number) {}

  static of(values: readonly PointValue[], size: number): ValueTable {
    let n = size;
    for (const v of values) if (v.pointId >= n) n = v.pointId + 1;
    const table = new ValueTable(n);
    for (const v of values) table.add(v);
    return table;
  }

  add(v: PointValue): void {
    this.part(v.part).set(v.pointId, v.present, v.value, v.exact, v.units, v.min === null && v.median === null && v.max === null ? null : v);
  }

  /** A part's columns, made when first asked for. */
  part(name: string): PartColumns {
    let c = this.columns.get(name);
    if (!c) this.columns.set(name, (c = new PartColumns(this.size)));
    return c;
  }

  column(name: string): PartColumns | undefined {
    return this.columns.get(name);
  }

  /** The parts, sorted. */
  parts(): string[] {
    return [...this.columns.keys()].sort();
  }
}
