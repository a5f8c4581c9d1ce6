/**
 * Known semantic breaks: a CPython change after which a counter keeps its name but not its
 * meaning, so a step in its trend across the change is not a regression. A break is marked
 * on the points where the series' version crosses it (pure; no SQL).
 *
 * - 3.14.5 reverted the incremental GC of 3.14.0–3.14.4 to the generational collector:
 *   GC[i] collections / objects collected / object visits count a different collector's
 *   work on either side (the GC columns of the report).
 */
import type { TrendSeries } from './series.js';
import { FT_MERGE_CAVEAT, hasMergeBug } from '../runs/free-threading.js';

export interface KnownBreak {
  id: string;
  /** The first version of the new meaning, and the release series it belongs to. */
  since: { major: number; minor: number; micro: number };
  /** Does this metric (id, or a custom expression's text) read the counters that changed? */
  affects(metricId: string, title: string): boolean;
  text: string;
}

export const KNOWN_BREAKS: readonly KnownBreak[] = [
  {
    id: 'gc-incremental-revert',
    since: { major: 3, minor: 14, micro: 5 },
    affects: (id, title) => id.startsWith('gc.') || (id === 'custom' && title.includes('GC[')),
    text: '3.14.5 reverted the incremental GC (3.14.0–3.14.4): GC counters change meaning across this point',
  },
];

/** major.minor.micro of a version string like 3.14.4 or 3.14.5+ (pre-releases count as their micro). */
function versionTuple(v: string): [number, number, number] | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** 'before' / 'after' the break within its release series; null outside that series. */
function side(b: KnownBreak, versions: readonly string[]): 'before' | 'after' | null {
  const sides = new Set<'before' | 'after'>();
  for (const v of versions) {
    const t = versionTuple(v);
    if (!t || t[0] !== b.since.major || t[1] !== b.since.minor) continue;
    sides.add(t[2] >= b.since.micro ? 'after' : 'before');
  }
  return sides.size === 1 ? [...sides][0] : null;
}

/**
 * Sets `semanticBreak` on every point whose version is on the other side of a known break
 * from the previous point of its series that has a version in that release series.
 */
export function markBreaks(series: TrendSeries[], metricId: string, title: string): void {
  const breaks = KNOWN_BREAKS.filter((b) => b.affects(metricId, title));
  for (const s of series) {
    for (const b of breaks) {
      let last: 'before' | 'after' | null = null;
      for (const p of s.points) {
        const here = side(b, p.pythonVersions);
        if (here === null) continue;
        if (last !== null && here !== last) p.semanticBreak = p.semanticBreak ? `${p.semanticBreak}; ${b.text}` : b.text;
        last = here;
      }
    }
  }
}

/** Does this metric read the free-threading counters (merged by assignment before the fix)? */
function readsFreeThreadingCounters(metricId: string, title: string): boolean {
  return metricId === 'ft' || (metricId === 'custom' && /Mutex sleeps|QSBR polls|World stops/.test(title));
}

/**
 * Sets `caveat` on the points of a free-threading metric whose build merged those counters
 * by assignment (python/cpython PR #155069 not in it): each holds the last thread's count.
 */
export function markCaveats(series: TrendSeries[], metricId: string, title: string): void {
  if (!readsFreeThreadingCounters(metricId, title)) return;
  for (const s of series) {
    for (const p of s.points) {
      if (p.value !== null && hasMergeBug(p.date)) p.caveat = FT_MERGE_CAVEAT;
    }
  }
}
