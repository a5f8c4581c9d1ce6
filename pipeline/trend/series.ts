/**
 * Point values into series: one line per (series, part), points in x order, each with
 * its change against the previous point and the first point that have a value, and the
 * steps change detection finds on it.
 *
 * Changes are relative (0.05 = +5 %) for counts and rates, and in percentage points for
 * percentages, whose relative change would mix two scales. A gap (no value) is skipped
 * over: the next point compares with the last point that had one.
 */
import type { PointValue } from './metrics/trend-query.js';
import type { MetricUnit } from './metrics/catalog.js';
import type { Dimension, PointDef } from './points.js';
import type { Step } from './detect/detect.js';
import { GIVEN, HAS_VALUE, PRESENT, type PartColumns, type ValueTable } from './value-table.js';

/** A point's value as queried (value, exact sum, spread), placed on the x axis. */
export interface TrendPoint extends Omit<PointValue, 'part' | 'present'> {
  /** YYYY-MM-DD of the commit date as stored (the committer's day), or null. */
  date: string | null;
  time: number | null;
  order: number;
  commit: string | null;
  runIds: number[];
  pythonVersions: string[];
  changePrev: number | null;
  changeFirst: number | null;
  /** The step that starts at this point, if any. */
  step: Step | null;
  /** A known change of meaning between the previous point and this one (breaks.ts). */
  semanticBreak?: string | null;
  /** What the values at this point cannot be trusted for (breaks.ts markCaveats). */
  caveat?: string | null;
}

export interface TrendSeries {
  key: string;
  label: string;
  dims: Partial<Record<Dimension, string>>;
  part: string;
  points: TrendPoint[];
  steps: Step[];
}

export type ChangeKind = 'relative' | 'pp';

export function changeKind(unit: MetricUnit): ChangeKind {
  return unit === 'percent' ? 'pp' : 'relative';
}

/** A metric's values (in columns: value-table.ts) as series, each with its changes; no steps yet. */
export function seriesOfTable(points: readonly PointDef[], table: ValueTable, unit: MetricUnit): TrendSeries[] {
  const parts = table.parts();
  // Each series' points in x order, grouped in one pass (series in order of first point):
  // filtering every point per series compared long keys series × points times.
  const bySeries = new Map<string, PointDef[]>();
  for (const p of points) {
    const list = bySeries.get(p.seriesKey);
    if (list) list.push(p);
    else bySeries.set(p.seriesKey, [p]);
  }
  const kind = changeKind(unit);
  const out: TrendSeries[] = [];
  for (const [key, members] of bySeries) {
    const dimsText = Object.values(members[0].dims).join(' / ') || 'all runs';
    const ids = members.map((p) => p.pointId);
    for (const part of parts.length > 0 ? parts : ['']) {
      const col = table.column(part);
      // A part with no value anywhere in this series is not a line of it.
      if (parts.length > 1 && !col!.anyValue(ids)) continue;
      const pts = new Array<TrendPoint>(members.length);
      for (let i = 0; i < members.length; i++) pts[i] = toTrendPoint(members[i], col);
      addChanges(pts, kind);
      out.push({ key, label: part ? `${dimsText} · ${part}` : dimsText, dims: members[0].dims, part, points: pts, steps: [] });
    }
  }
  return out;
}

function toTrendPoint(p: PointDef, col: PartColumns | undefined): TrendPoint {
  const id = p.pointId;
  const f = col ? col.flags[id] : 0;
  const present = (f & PRESENT) !== 0;
  const spread = present ? col!.spread : null;
  return new LinePoint(
    p, present && (f & HAS_VALUE) !== 0 ? col!.value[id] : null, present ? col!.exact[id] : null,
    spread ? spread.min[id] : null, spread ? spread.median[id] : null, spread ? spread.max[id] : null, (f & GIVEN) !== 0 ? col!.units[id] : 0,
  );
}

/**
 * A point of one line: its values, and its place on the x axis read from the point it is
 * of (date, commit, runs), which every line and metric shares. Not copied: a site's
 * trends hold half a million of these, and each copied field was heap (and garbage
 * collection) for every one (issue 19).
 */
class LinePoint implements TrendPoint {
  changePrev: number | null = null;
  changeFirst: number | null = null;
  step: Step | null = null;
  semanticBreak?: string | null;
  caveat?: string | null;

  constructor(
    private readonly def: PointDef,
    public value: number | null, public exact: bigint | null,
    public min: number | null, public median: number | null, public max: number | null, public units: number,
  ) {}

  get pointId(): number {
    return this.def.pointId;
  }
  get date(): string | null {
    return this.def.day;
  }
  get time(): number | null {
    return this.def.time;
  }
  get order(): number {
    return this.def.order;
  }
  get commit(): string | null {
    return this.def.commit;
  }
  get runIds(): number[] {
    return this.def.runIds;
  }
  get pythonVersions(): string[] {
    return this.def.pythonVersions;
  }
}

export function change(from: number, to: number, kind: ChangeKind): number | null {
  if (kind === 'pp') return to - from;
  return from === 0 ? null : (to - from) / Math.abs(from);
}

function addChanges(points: TrendPoint[], kind: ChangeKind): void {
  let first: number | null = null;
  let prev: number | null = null;
  for (const p of points) {
    if (p.value === null) continue;
    if (prev !== null) p.changePrev = change(prev, p.value, kind);
    if (first !== null) p.changeFirst = change(first, p.value, kind);
    first ??= p.value;
    prev = p.value;
  }
}

/** Attaches detected steps (indices into the series' points) to the series and its points. */
export function attachSteps(series: TrendSeries, steps: Step[]): void {
  series.steps = steps;
  for (const s of steps) series.points[s.index].step = s;
}
