/**
 * Site speed: `pystats site` on the 1,000-run store of the trend bench (trend-bench.ts),
 * the whole default metric catalog, each build as its own process:
 *  - cold: into an empty folder;
 *  - rebuild: into the same folder again (the same work: every page and data script is
 *    written again, the pages of runs no longer there removed).
 * Report pages are rendered by the browser, so a build writes each run's counters once
 * (runs/data/) and a small page per run. The command prints its own split (trends read,
 * trend pages, run data, report pages) to stderr.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measurePystats, type Measurement } from './measure.js';

export interface SiteBenchRow {
  label: string;
  m: Measurement;
  split: string;
}

export function benchSite(db: string, work: string): SiteBenchRow[] {
  const out = join(work, 'site');
  rmSync(out, { recursive: true, force: true });
  const args = ['site', '--db', db, '-o', out, '--date', '2025-01-01'];
  const row = (label: string): SiteBenchRow => {
    const m = measurePystats(args);
    return { label, m, split: /\(seconds: ([^)]*)\)/.exec(m.stderr)?.[1] ?? '' };
  };
  const rows = [row('cold, into an empty folder'), row('rebuild into the same folder')];
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
  const pages = files.filter((f) => f.endsWith('.html')).length;
  const mb = files.reduce((n, f) => n + statSync(join(out, f)).size, 0) / 1e6;
  rmSync(out, { recursive: true, force: true });
  rows.forEach((r) => (r.label += ` (${pages} pages, ${mb.toFixed(0)} MB)`));
  return rows;
}

export function formatSiteBench(rows: SiteBenchRow[]): string {
  return [
    '`pystats site` over the same 1,000 runs, the whole default metric catalog (26 metrics), as its own process:',
    '',
    '| build | wall s | CPU s | peak RSS MB | split (s) |',
    '|---|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.label} | ${r.m.seconds.toFixed(2)} | ${r.m.cpuSeconds.toFixed(2)} | ${r.m.peakRssMb.toFixed(0)} | ${r.split} |`),
    '',
  ].join('\n');
}
