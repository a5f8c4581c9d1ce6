/**
 * Where each page of the site lives, relative to the site's root. Pages sit at the root or
 * one folder down, and link to each other with relative URLs so the site works from
 * file:// and from any folder of any static host.
 */
import { createHash } from 'node:crypto';

export const INDEX_PAGE = 'index.html';
export const RUNS_PAGE = 'runs.html';
export const ASSET_DIR = 'assets';
/** Runs per page of the run list (runs.html, runs-2.html, …): a page stays ~300 kB. */
export const RUNS_PER_PAGE = 1000;

/**
 * A short stable name for a series or configuration key: the key holds store values (a
 * fork may be any text, of any length), a file name must be short and plain.
 */
export function keyName(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** A configuration (fork × flags × machine): its benchmarks' series and change points. */
export function configPage(configKey: string): string {
  return `configs/${keyName(configKey)}.html`;
}

/** A series (configuration × benchmark): a small chart per metric, its change points. */
export function seriesPage(seriesKey: string): string {
  return `series/${keyName(seriesKey)}.html`;
}

/** The chart data of one series, every metric's, a script loaded when a metric page shows the series. */
export function seriesDataScript(seriesKey: string): string {
  return `data/${keyName(seriesKey)}.js`;
}

/** Page n (1-based) of the run list. */
export function runsListPage(n: number): string {
  return n <= 1 ? RUNS_PAGE : `runs-${n}.html`;
}

/** `spec.hit:LOAD_ATTR` → metrics/spec.hit--LOAD_ATTR.html (a colon is not safe in every file system or URL). */
export function metricPage(spec: string): string {
  return `metrics/${spec.replace(/:/g, '--').replace(/[^A-Za-z0-9_.-]/g, '_')}.html`;
}

export function runPage(runId: number): string {
  return `runs/${runId}.html`;
}

/** The comparison of the runs summed on each side (usually one run each). */
export function comparisonPage(base: readonly number[], head: readonly number[]): string {
  return `compare/${base.join('_')}-vs-${head.join('_')}.html`;
}

export function assetPath(name: string): string {
  return `${ASSET_DIR}/${name}`;
}

/** The relative URL from page `from` to page `to` (both relative to the root). */
export function href(from: string, to: string): string {
  const depth = from.split('/').length - 1;
  return '../'.repeat(depth) + to;
}
