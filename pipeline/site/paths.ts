/**
 * Where each page of the site lives, relative to the site's root. Pages sit at the root or
 * one folder down, and link to each other with relative URLs so the site works from
 * file:// and from any folder of any static host.
 */
export const INDEX_PAGE = 'index.html';
export const RUNS_PAGE = 'runs.html';
export const ASSET_DIR = 'assets';

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
